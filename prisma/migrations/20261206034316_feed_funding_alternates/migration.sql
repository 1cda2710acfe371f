-- AlterTable
ALTER TABLE "episodes" ADD COLUMN     "alternate_enclosures" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "podcasts" ADD COLUMN     "funding_links" JSONB NOT NULL DEFAULT '[]';
