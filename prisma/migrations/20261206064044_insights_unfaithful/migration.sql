-- AlterTable
ALTER TABLE "episodes" ADD COLUMN     "insights_unfaithful" INTEGER;
