-- CreateEnum
CREATE TYPE "artwork_status" AS ENUM ('pending', 'ready', 'failed');

-- AlterTable
ALTER TABLE "episodes" ADD COLUMN     "artwork_id" TEXT;

-- AlterTable
ALTER TABLE "podcasts" ADD COLUMN     "artwork_id" TEXT;

-- CreateTable
CREATE TABLE "artworks" (
    "id" TEXT NOT NULL,
    "source_url" TEXT NOT NULL,
    "status" "artwork_status" NOT NULL DEFAULT 'pending',
    "hash" TEXT,
    "error" TEXT,
    "fetched_at" TIMESTAMP(3),
    "source_width" INTEGER,
    "source_height" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "artworks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artwork_images" (
    "artwork_id" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "artwork_images_pkey" PRIMARY KEY ("artwork_id","width","format")
);

-- CreateIndex
CREATE UNIQUE INDEX "artworks_source_url_key" ON "artworks"("source_url");

-- CreateIndex
CREATE INDEX "artworks_hash_idx" ON "artworks"("hash");

-- CreateIndex
CREATE INDEX "episodes_artwork_id_idx" ON "episodes"("artwork_id");

-- CreateIndex
CREATE INDEX "podcasts_artwork_id_idx" ON "podcasts"("artwork_id");

-- AddForeignKey
ALTER TABLE "podcasts" ADD CONSTRAINT "podcasts_artwork_id_fkey" FOREIGN KEY ("artwork_id") REFERENCES "artworks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artwork_images" ADD CONSTRAINT "artwork_images_artwork_id_fkey" FOREIGN KEY ("artwork_id") REFERENCES "artworks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_artwork_id_fkey" FOREIGN KEY ("artwork_id") REFERENCES "artworks"("id") ON DELETE SET NULL ON UPDATE CASCADE;
