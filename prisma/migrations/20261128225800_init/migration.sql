-- CreateEnum
CREATE TYPE "transcript_status" AS ENUM ('pending', 'fetched', 'missing', 'failed');

-- CreateEnum
CREATE TYPE "transcript_format" AS ENUM ('vtt', 'srt', 'json', 'html', 'text', 'show_notes', 'transcription');

-- CreateEnum
CREATE TYPE "topic_kind" AS ENUM ('curated', 'custom');

-- CreateEnum
CREATE TYPE "feed_event_kind" AS ENUM ('seen', 'opened', 'hidden', 'saved', 'more_like_this', 'less_like_this', 'email_click');

-- CreateEnum
CREATE TYPE "brief_status" AS ENUM ('pending', 'sending', 'sent', 'failed', 'empty');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "email_verified" TIMESTAMP(3),
    "image" TEXT,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "brief_hour" INTEGER NOT NULL DEFAULT 7,
    "brief_enabled" BOOLEAN NOT NULL DEFAULT true,
    "onboarded_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("provider","provider_account_id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "session_token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "verification_tokens" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_tokens_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "kind" TEXT NOT NULL,
    "transport" TEXT NOT NULL,
    "message_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "podcasts" (
    "id" TEXT NOT NULL,
    "feed_url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "description" TEXT,
    "image_url" TEXT,
    "site_url" TEXT,
    "language" TEXT,
    "categories" TEXT[],
    "etag" TEXT,
    "last_modified" TEXT,
    "last_fetched_at" TIMESTAMP(3),
    "last_success_at" TIMESTAMP(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMP(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "poll_interval_minutes" INTEGER NOT NULL DEFAULT 60,
    "next_poll_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "podcasts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "podcast_subscriptions" (
    "user_id" TEXT NOT NULL,
    "podcast_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "podcast_subscriptions_pkey" PRIMARY KEY ("user_id","podcast_id")
);

-- CreateTable
CREATE TABLE "episodes" (
    "id" TEXT NOT NULL,
    "podcast_id" TEXT NOT NULL,
    "guid" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "show_notes_html" TEXT,
    "published_at" TIMESTAMP(3),
    "duration_seconds" INTEGER,
    "audio_url" TEXT,
    "audio_type" TEXT,
    "image_url" TEXT,
    "link" TEXT,
    "chapters_url" TEXT,
    "transcript_status" "transcript_status" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "episodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transcripts" (
    "id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "source_format" "transcript_format" NOT NULL,
    "source_url" TEXT,
    "language" TEXT,
    "text" TEXT NOT NULL,
    "segments" JSONB NOT NULL,
    "is_show_notes_fallback" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transcripts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chapters" (
    "id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "start_seconds" DOUBLE PRECISION NOT NULL,
    "end_seconds" DOUBLE PRECISION,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "image_url" TEXT,

    CONSTRAINT "chapters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "insights" (
    "id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "start_seconds" DOUBLE PRECISION NOT NULL,
    "end_seconds" DOUBLE PRECISION NOT NULL,
    "speaker" TEXT,
    "quality_score" DOUBLE PRECISION NOT NULL,
    "model" TEXT NOT NULL,
    "prompt_version" TEXT NOT NULL,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "embedding" DOUBLE PRECISION[],
    "embedding_model" TEXT,
    "cluster_id" TEXT,
    "published_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "insights_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "insight_relations" (
    "insight_id" TEXT NOT NULL,
    "related_insight_id" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "insight_relations_pkey" PRIMARY KEY ("insight_id","related_insight_id")
);

-- CreateTable
CREATE TABLE "topics" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "topic_kind" NOT NULL DEFAULT 'curated',
    "created_by_id" TEXT,
    "embedding" DOUBLE PRECISION[],
    "embedding_model" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "insight_topics" (
    "insight_id" TEXT NOT NULL,
    "topic_id" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL,
    "cluster_id" TEXT,

    CONSTRAINT "insight_topics_pkey" PRIMARY KEY ("insight_id","topic_id")
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" TEXT NOT NULL,
    "label" TEXT,
    "representative_insight_id" TEXT,
    "size" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topic_follows" (
    "user_id" TEXT NOT NULL,
    "topic_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "topic_follows_pkey" PRIMARY KEY ("user_id","topic_id")
);

-- CreateTable
CREATE TABLE "saved_insights" (
    "user_id" TEXT NOT NULL,
    "insight_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_insights_pkey" PRIMARY KEY ("user_id","insight_id")
);

-- CreateTable
CREATE TABLE "feed_events" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "feed_event_kind" NOT NULL,
    "insight_id" TEXT,
    "topic_id" TEXT,
    "podcast_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feed_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_briefs" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "brief_date" DATE NOT NULL,
    "status" "brief_status" NOT NULL DEFAULT 'pending',
    "scheduled_for" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3),
    "message_id" TEXT,
    "error" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_briefs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_brief_items" (
    "brief_id" TEXT NOT NULL,
    "insight_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "daily_brief_items_pkey" PRIMARY KEY ("brief_id","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_session_token_key" ON "sessions"("session_token");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "mail_messages_created_at_idx" ON "mail_messages"("created_at" DESC);

-- CreateIndex
CREATE INDEX "mail_messages_to_created_at_idx" ON "mail_messages"("to", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "podcasts_feed_url_key" ON "podcasts"("feed_url");

-- CreateIndex
CREATE INDEX "podcasts_next_poll_at_idx" ON "podcasts"("next_poll_at");

-- CreateIndex
CREATE INDEX "podcast_subscriptions_podcast_id_idx" ON "podcast_subscriptions"("podcast_id");

-- CreateIndex
CREATE INDEX "episodes_podcast_id_published_at_idx" ON "episodes"("podcast_id", "published_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "episodes_podcast_id_guid_key" ON "episodes"("podcast_id", "guid");

-- CreateIndex
CREATE UNIQUE INDEX "transcripts_episode_id_key" ON "transcripts"("episode_id");

-- CreateIndex
CREATE INDEX "chapters_episode_id_start_seconds_idx" ON "chapters"("episode_id", "start_seconds");

-- CreateIndex
CREATE INDEX "insights_published_at_idx" ON "insights"("published_at" DESC);

-- CreateIndex
CREATE INDEX "insights_episode_id_idx" ON "insights"("episode_id");

-- CreateIndex
CREATE INDEX "insights_cluster_id_idx" ON "insights"("cluster_id");

-- CreateIndex
CREATE INDEX "insight_relations_insight_id_score_idx" ON "insight_relations"("insight_id", "score" DESC);

-- CreateIndex
CREATE INDEX "insight_relations_related_insight_id_idx" ON "insight_relations"("related_insight_id");

-- CreateIndex
CREATE UNIQUE INDEX "topics_slug_key" ON "topics"("slug");

-- CreateIndex
CREATE INDEX "topics_created_by_id_idx" ON "topics"("created_by_id");

-- CreateIndex
CREATE INDEX "insight_topics_feed_idx" ON "insight_topics"("topic_id", "published_at" DESC, "insight_id", "cluster_id");

-- CreateIndex
CREATE INDEX "topic_follows_topic_id_idx" ON "topic_follows"("topic_id");

-- CreateIndex
CREATE INDEX "saved_insights_user_id_created_at_idx" ON "saved_insights"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "saved_insights_insight_id_idx" ON "saved_insights"("insight_id");

-- CreateIndex
CREATE INDEX "feed_events_user_id_kind_created_at_idx" ON "feed_events"("user_id", "kind", "created_at" DESC);

-- CreateIndex
CREATE INDEX "feed_events_user_id_insight_id_idx" ON "feed_events"("user_id", "insight_id");

-- CreateIndex
CREATE INDEX "daily_briefs_status_scheduled_for_idx" ON "daily_briefs"("status", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "daily_briefs_user_id_brief_date_key" ON "daily_briefs"("user_id", "brief_date");

-- CreateIndex
CREATE INDEX "daily_brief_items_insight_id_idx" ON "daily_brief_items"("insight_id");

-- CreateIndex
CREATE UNIQUE INDEX "daily_brief_items_brief_id_insight_id_key" ON "daily_brief_items"("brief_id", "insight_id");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "podcast_subscriptions" ADD CONSTRAINT "podcast_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "podcast_subscriptions" ADD CONSTRAINT "podcast_subscriptions_podcast_id_fkey" FOREIGN KEY ("podcast_id") REFERENCES "podcasts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_podcast_id_fkey" FOREIGN KEY ("podcast_id") REFERENCES "podcasts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chapters" ADD CONSTRAINT "chapters_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insights" ADD CONSTRAINT "insights_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insights" ADD CONSTRAINT "insights_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insight_relations" ADD CONSTRAINT "insight_relations_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insight_relations" ADD CONSTRAINT "insight_relations_related_insight_id_fkey" FOREIGN KEY ("related_insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insight_topics" ADD CONSTRAINT "insight_topics_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insight_topics" ADD CONSTRAINT "insight_topics_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_follows" ADD CONSTRAINT "topic_follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topic_follows" ADD CONSTRAINT "topic_follows_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_insights" ADD CONSTRAINT "saved_insights_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_insights" ADD CONSTRAINT "saved_insights_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_events" ADD CONSTRAINT "feed_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_events" ADD CONSTRAINT "feed_events_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_events" ADD CONSTRAINT "feed_events_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_events" ADD CONSTRAINT "feed_events_podcast_id_fkey" FOREIGN KEY ("podcast_id") REFERENCES "podcasts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_briefs" ADD CONSTRAINT "daily_briefs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_brief_items" ADD CONSTRAINT "daily_brief_items_brief_id_fkey" FOREIGN KEY ("brief_id") REFERENCES "daily_briefs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_brief_items" ADD CONSTRAINT "daily_brief_items_insight_id_fkey" FOREIGN KEY ("insight_id") REFERENCES "insights"("id") ON DELETE CASCADE ON UPDATE CASCADE;
