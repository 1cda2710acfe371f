-- AlterTable
ALTER TABLE "episodes" ADD COLUMN     "transcript_error" TEXT,
ADD COLUMN     "transcript_links" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "podcasts" ADD COLUMN     "is_demo" BOOLEAN NOT NULL DEFAULT false;
