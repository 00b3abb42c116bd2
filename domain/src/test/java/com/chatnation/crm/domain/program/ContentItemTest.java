package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A program's item: what each content type needs and takes, and its one place in the series or the calendar. */
class ContentItemTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 8);

    private static ContentItem text(String body) {
        return new ContentItem("i1", "text", body, null, null, 1, null);
    }

    private static ContentItem media(String type, String caption, String mediaKey) {
        return new ContentItem("i1", type, caption, mediaKey, null, 1, null);
    }

    private static void refused(ThrowingCallable creation, String messagePart) {
        assertThatThrownBy(creation).isInstanceOfSatisfying(DomainRuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo("invalid_item")).hasMessageContaining(messagePart);
    }

    @Test
    void offersTheFiveContentTypes() {
        assertThat(ContentItem.CONTENT_TYPES).containsExactly("text", "image", "audio", "video", "poll");
    }

    @Nested
    class Ids {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  ", "\t"})
        void refusesAMissingId(String itemId) {
            refused(() -> new ContentItem(itemId, "text", "Good morning", null, null, 1, null), "an item needs an id");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"document", "TEXT", "sticker", "template"})
        void refusesAnyOtherContentType(String type) {
            refused(() -> new ContentItem("i1", type, "Good morning", "media-1", null, 1, null),
                    "an item is one of [text, image, audio, video, poll]");
        }
    }

    @Nested
    class Text {

        @Test
        void keepsTheStrippedText() {
            assertThat(text("  Good morning\n").body()).isEqualTo("Good morning");
        }

        @Test
        void acceptsOneCharacterAnd4096() {
            assertThat(text("x").body()).isEqualTo("x");
            assertThat(text("x".repeat(4096)).body()).hasSize(4096);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n"})
        void refusesAMissingText(String body) {
            refused(() -> text(body), "a text item needs a text");
        }

        @Test
        void refuses4097Characters() {
            refused(() -> text("x".repeat(4097)), "a text takes at most 4096 characters, got 4097");
        }

        @Test
        void refusesAMediaFile() {
            refused(() -> new ContentItem("i1", "text", "Hi", "media-1", null, 1, null),
                    "a text item takes no media file");
        }

        @Test
        void refusesAPoll() {
            refused(() -> new ContentItem("i1", "text", "Hi", null, "poll-1", 1, null), "a text item takes no poll");
        }
    }

    @Nested
    class Media {

        @ParameterizedTest
        @ValueSource(strings = {"image", "audio", "video"})
        void keepsTheStrippedMediaKeyWithoutACaption(String type) {
            ContentItem item = media(type, "  ", " media/org-1/abc ");
            assertThat(item.mediaKey()).isEqualTo("media/org-1/abc");
            assertThat(item.body()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"image", "video"})
        void imagesAndVideosTakeACaptionOf1024(String type) {
            assertThat(media(type, " Verse of the day ", "media-1").body()).isEqualTo("Verse of the day");
            assertThat(media(type, "c".repeat(1024), "media-1").body()).hasSize(1024);
        }

        @ParameterizedTest
        @ValueSource(strings = {"image", "video"})
        void refusesACaptionOf1025(String type) {
            refused(() -> media(type, "c".repeat(1025), "media-1"), "a caption takes at most 1024 characters, got 1025");
        }

        @Test
        void refusesACaptionOnAudio() {
            refused(() -> media("audio", "Listen", "media-1"), "an audio item takes no caption");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void refusesAnImageWithoutAMediaFile(String mediaKey) {
            refused(() -> media("image", "Caption", mediaKey), "an image item needs a media file");
        }

        @Test
        void refusesAudioWithoutAMediaFile() {
            refused(() -> media("audio", null, null), "an audio item needs a media file");
        }

        @Test
        void refusesVideoWithoutAMediaFile() {
            refused(() -> media("video", null, null), "a video item needs a media file");
        }

        @Test
        void refusesAPoll() {
            refused(() -> new ContentItem("i1", "video", null, "media-1", "poll-1", 1, null),
                    "a video item takes no poll");
        }
    }

    @Nested
    class Polls {

        @Test
        void keepsThePoll() {
            assertThat(new ContentItem("i1", "poll", null, null, " poll-1 ", 1, null).pollId()).isEqualTo("poll-1");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" "})
        void refusesAMissingPoll(String pollId) {
            refused(() -> new ContentItem("i1", "poll", null, null, pollId, 1, null), "a poll item needs a poll");
        }

        @Test
        void refusesAText() {
            refused(() -> new ContentItem("i1", "poll", "Vote!", null, "poll-1", 1, null), "a poll item takes no text");
        }

        @Test
        void refusesAMediaFile() {
            refused(() -> new ContentItem("i1", "poll", null, "media-1", "poll-1", 1, null),
                    "a poll item takes no media file");
        }
    }

    @Nested
    class Place {

        @Test
        void takesASequenceNumberFromOne() {
            assertThat(new ContentItem("i1", "text", "Hi", null, null, 1, null).sequenceNumber()).isEqualTo(1);
        }

        @Test
        void takesADate() {
            assertThat(new ContentItem("i1", "text", "Hi", null, null, null, DAY).scheduledOn()).isEqualTo(DAY);
        }

        @Test
        void refusesNeither() {
            refused(() -> new ContentItem("i1", "text", "Hi", null, null, null, null),
                    "an item has either a sequence number or a date, not neither");
        }

        @Test
        void refusesBoth() {
            refused(() -> new ContentItem("i1", "text", "Hi", null, null, 1, DAY),
                    "an item has either a sequence number or a date, not both");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void refusesASequenceNumberBelowOne(int sequence) {
            refused(() -> new ContentItem("i1", "text", "Hi", null, null, sequence, null),
                    "sequence numbers start at 1, got " + sequence);
        }
    }
}
