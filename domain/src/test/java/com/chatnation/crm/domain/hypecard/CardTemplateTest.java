package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.hypecard.CardLayout.Image;
import com.chatnation.crm.domain.hypecard.CardLayout.Layer;
import com.chatnation.crm.domain.hypecard.CardLayout.Photo;
import com.chatnation.crm.domain.hypecard.CardLayout.QrCode;
import com.chatnation.crm.domain.hypecard.CardLayout.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HypeCard template aggregate: creation and every layout rule, archiving, and the layout's JSON form. */
class CardTemplateTest {

    private static final String TEMPLATE = "tpl-1";
    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final String NAME = "Summit 2026";
    private static final String KEYWORD = "summit card";
    private static final Instant REQUESTED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant ARCHIVED_AT = Instant.parse("2026-11-20T17:30:00Z");
    private static final int SIDE = 1080;
    private static final String BACKGROUND = "#112233";

    private static final String CANVAS = "the canvas is 100 to 2048 pixels a side, got ";
    private static final String OUTSIDE = " lies outside the canvas";
    private static final String TEXT_LENGTH = ": a text layer has 1 to 200 characters of text";
    private static final String FONT_ALIGN = ": font is sans, serif or mono, align left, center or right";
    private static final String SIZE_LINES = ": text is 8 to 400 pixels high, on 1 to 10 lines";
    private static final String COLOURS = ": colours are written #rrggbb";
    private static final String TEXT_WIDTH = ": the text's width is 1 to the canvas's";
    private static final String QR_SIZE = ": a QR code is at least 50 pixels wide to be scanned";

    private AggregateTestFixture<CardTemplate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CardTemplate.class);
    }

    // ---- layouts, commands, events and matchers --------------------------------------------------------------------

    private static Image background() {
        return new Image("media/bg.png", 0, 0, SIDE, SIDE);
    }

    private static Text text(String text) {
        return text(text, "sans", 48, "#ffffff", 540, 900, 1000, 2, "center");
    }

    private static Text text(String text, String font, int size, String color, int x, int y, int maxWidth,
                             int maxLines, String align) {
        return new Text(text, font, size, true, color, x, y, maxWidth, maxLines, align);
    }

    private static Photo photo() {
        return new Photo(390, 200, 300, true);
    }

    private static QrCode qr() {
        return new QrCode(880, 880, 150, "#000000");
    }

    private static CardLayout layout(Layer... layers) {
        return new CardLayout(SIDE, SIDE, BACKGROUND, List.of(layers));
    }

    /** A background and the given layer as layer 2. */
    private static CardLayout withSecondLayer(Layer layer) {
        return layout(background(), layer);
    }

    private static CreateCardTemplate create(String name, String keyword, CardLayout layout) {
        return new CreateCardTemplate(TEMPLATE, ORG, name, keyword, layout, REQUESTED);
    }

    private static CreateCardTemplate create(CardLayout layout) {
        return create(NAME, KEYWORD, layout);
    }

    private static CardTemplateCreated created(CardLayout layout, List<String> variables) {
        return new CardTemplateCreated(TEMPLATE, ORG, NAME, KEYWORD, layout, variables, REQUESTED);
    }

    private static CardTemplateCreated created() {
        CardLayout layout = layout(background(), text("{name}"));
        return created(layout, List.of("name"));
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    /** The creation is refused with this code and message, and nothing is recorded. */
    private void refusesCreation(CreateCardTemplate command, String code, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectExceptionMessage(message)
                .expectNoEvents();
    }

    private void refusesLayout(CardLayout layout, String message) {
        refusesCreation(create(layout), "invalid_layout", message);
    }

    /** The layout is accepted: the template is created with it and these variables. */
    private void accepts(CardLayout layout, List<String> variables) {
        fixture.givenNoPriorActivity()
                .when(create(layout))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(layout, variables));
    }

    // ---- creating -------------------------------------------------------------------------------------------------

    @Nested
    class Creating {

        @Test
        void recordsTheStrippedNameNormalizedKeywordRequestTimeAndUsedVariablesInConversationOrder() {
            CardLayout layout = layout(background(), photo(), text("{title} — {name}"), qr());
            fixture.givenNoPriorActivity()
                    .when(create("  Summit 2026\t", "  Summit \t  CARD\n", layout))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CardTemplateCreated(TEMPLATE, ORG, NAME, KEYWORD, layout,
                            List.of("name", "title", "photo"), REQUESTED));
        }

        @Test
        void aLayoutWithoutVariablesAsksForNothing() {
            accepts(layout(background(), text("See you at the summit!"), qr()), List.of());
        }

        @Test
        void aPhotoLayerAloneAsksForThePhoto() {
            accepts(layout(photo()), List.of("photo"));
        }

        @Test
        void aVariableUsedTwiceIsAskedForOnce() {
            accepts(layout(text("{name}"), text("Hi {name}, {title}")), List.of("name", "title"));
        }

        @Test
        void theKeywordKeepsDigitsHyphensAndUnderscores() {
            CardLayout layout = layout(background());
            fixture.givenNoPriorActivity()
                    .when(create(NAME, "Summit_2026-CARD", layout))
                    .expectEvents(new CardTemplateCreated(TEMPLATE, ORG, NAME, "summit_2026-card", layout, List.of(),
                            REQUESTED));
        }

        @Test
        void aNameOfExactly100CharactersAndAKeywordOf30AreAccepted() {
            CardLayout layout = layout(background());
            String name = "n".repeat(100);
            String keyword = "k".repeat(30);
            fixture.givenNoPriorActivity()
                    .when(create("  " + name + "  ", keyword, layout))
                    .expectEvents(new CardTemplateCreated(TEMPLATE, ORG, name, keyword, layout, List.of(),
                            REQUESTED));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t\n"})
        void refusesABlankName(String name) {
            refusesCreation(create(name, KEYWORD, layout(background())), "invalid_name",
                    "a template's name is 1 to 100 characters");
        }

        @Test
        void refusesANameOver100Characters() {
            refusesCreation(create("n".repeat(101), KEYWORD, layout(background())), "invalid_name",
                    "a template's name is 1 to 100 characters");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void refusesABlankKeyword(String keyword) {
            refusesCreation(create(NAME, keyword, layout(background())), "invalid_keyword",
                    "a template needs the keyword contacts type to make a card");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-card", "_card", "card!", "#summit", "summit.card", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"})
        void refusesAMalformedKeyword(String keyword) {
            refusesCreation(create(NAME, keyword, layout(background())), "invalid_keyword",
                    "a keyword is 1 to 30 letters, digits, spaces, '-' or '_', starting with a letter or digit");
        }

        @Test
        void refusesAMissingLayout() {
            refusesLayout(null, "a template needs a layout");
        }
    }

    // ---- the canvas -----------------------------------------------------------------------------------------------

    @Nested
    class Canvas {

        @ParameterizedTest
        @ValueSource(ints = {99, 2049, 0, -100})
        void refusesAWidthOutsideTheRange(int width) {
            refusesLayout(new CardLayout(width, SIDE, BACKGROUND, List.of(new Image("k", 0, 0, 10, 10))),
                    CANVAS + width + "×" + SIDE);
        }

        @ParameterizedTest
        @ValueSource(ints = {99, 2049, 0, -100})
        void refusesAHeightOutsideTheRange(int height) {
            refusesLayout(new CardLayout(SIDE, height, BACKGROUND, List.of(new Image("k", 0, 0, 10, 10))),
                    CANVAS + SIDE + "×" + height);
        }

        @ParameterizedTest
        @ValueSource(ints = {100, 2048})
        void acceptsTheSmallestAndLargestSquareCanvas(int side) {
            accepts(new CardLayout(side, side, "#FFFFFF", List.of(new Image("k", 0, 0, side, side))), List.of());
        }

        @Test
        void acceptsTheBoundsOnDifferentSides() {
            accepts(new CardLayout(100, 2048, "#aBcDeF", List.of(new Image("k", 0, 0, 100, 2048))), List.of());
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"112233", "#123", "#1122334", "#11223g", "red", " #112233", "#112233 "})
        void refusesABackgroundNotWrittenRrggbb(String colour) {
            refusesLayout(new CardLayout(SIDE, SIDE, colour, List.of(background())),
                    "the background" + COLOURS);
        }

        @Test
        void refusesALayoutWithoutLayers() {
            refusesLayout(new CardLayout(SIDE, SIDE, BACKGROUND, List.of()), "a layout has 1 to 20 layers, got 0");
        }

        @Test
        void refusesANullLayerListAsNoLayers() {
            refusesLayout(new CardLayout(SIDE, SIDE, BACKGROUND, null), "a layout has 1 to 20 layers, got 0");
        }

        @Test
        void refusesMoreThan20Layers() {
            List<Layer> layers = new ArrayList<>();
            IntStream.range(0, 21).forEach(i -> layers.add(background()));
            refusesLayout(new CardLayout(SIDE, SIDE, BACKGROUND, layers), "a layout has 1 to 20 layers, got 21");
        }

        @Test
        void accepts20Layers() {
            List<Layer> layers = new ArrayList<>();
            IntStream.range(0, 19).forEach(i -> layers.add(background()));
            layers.add(text("{title}"));
            accepts(new CardLayout(SIDE, SIDE, BACKGROUND, layers), List.of("title"));
        }
    }

    // ---- where layers lie -----------------------------------------------------------------------------------------

    @Nested
    class Placement {

        static Stream<Arguments> layersOutsideTheCanvas() {
            return Stream.of(
                    Arguments.of("image left of the canvas", new Image("k", -1, 0, 100, 100)),
                    Arguments.of("image above the canvas", new Image("k", 0, -1, 100, 100)),
                    Arguments.of("image past the right edge", new Image("k", 981, 0, 100, 100)),
                    Arguments.of("image past the bottom edge", new Image("k", 0, 981, 100, 100)),
                    Arguments.of("image wider than the canvas", new Image("k", 0, 0, 1081, 100)),
                    Arguments.of("image of no width", new Image("k", 0, 0, 0, 100)),
                    Arguments.of("image of no height", new Image("k", 0, 0, 100, 0)),
                    Arguments.of("photo left of the canvas", new Photo(-1, 0, 100, false)),
                    Arguments.of("photo above the canvas", new Photo(0, -5, 100, true)),
                    Arguments.of("photo past the right edge", new Photo(981, 0, 100, true)),
                    Arguments.of("photo past the bottom edge", new Photo(0, 981, 100, true)),
                    Arguments.of("photo of no size", new Photo(0, 0, 0, true)),
                    Arguments.of("qr left of the canvas", new QrCode(-1, 0, 100, "#000000")),
                    Arguments.of("qr above the canvas", new QrCode(0, -1, 100, "#000000")),
                    Arguments.of("qr past the right edge", new QrCode(981, 0, 100, "#000000")),
                    Arguments.of("qr past the bottom edge", new QrCode(0, 981, 100, "#000000")),
                    Arguments.of("text anchored left of the canvas",
                            text("Hi", "sans", 48, "#ffffff", -1, 10, 500, 1, "left")),
                    Arguments.of("text anchored above the canvas",
                            text("Hi", "sans", 48, "#ffffff", 10, -1, 500, 1, "left")),
                    Arguments.of("text anchored on the right edge",
                            text("Hi", "sans", 48, "#ffffff", SIDE, 10, 500, 1, "right")),
                    Arguments.of("text anchored on the bottom edge",
                            text("Hi", "sans", 48, "#ffffff", 10, SIDE, 500, 1, "left")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("layersOutsideTheCanvas")
        void refusesALayerOutsideTheCanvas(String scenario, Layer layer) {
            refusesLayout(withSecondLayer(layer), "layer 2" + OUTSIDE);
        }

        @Test
        void acceptsLayersTouchingTheCanvasEdgesExactly() {
            accepts(layout(
                    new Image("k", 0, 0, SIDE, SIDE),
                    new Image("k", SIDE - 100, SIDE - 100, 100, 100),
                    new Photo(SIDE - 300, SIDE - 300, 300, false),
                    new Photo(0, 0, SIDE, true),
                    new QrCode(SIDE - 50, SIDE - 50, 50, "#000000"),
                    new QrCode(0, 0, SIDE, "#000000"),
                    text("Hi", "mono", 8, "#ffffff", SIDE - 1, SIDE - 1, SIDE, 1, "right"),
                    text("Hi", "serif", 400, "#ffffff", 0, 0, 1, 10, "left")), List.of("photo"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void refusesAnImageWithoutKey(String key) {
            refusesCreation(create(withSecondLayer(new Image(key, 0, 0, 100, 100))), "missing_image_key",
                    "image key is required");
        }

        @ParameterizedTest
        @ValueSource(ints = {49, 0, -1})
        void refusesAQrCodeBelow50Pixels(int size) {
            refusesLayout(withSecondLayer(new QrCode(0, 0, size, "#000000")), "layer 2" + QR_SIZE);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"black", "#000", "#0000000", "#00000g"})
        void refusesAQrColourNotWrittenRrggbb(String colour) {
            refusesLayout(withSecondLayer(new QrCode(0, 0, 100, colour)), "layer 2" + COLOURS);
        }
    }

    // ---- text layers ----------------------------------------------------------------------------------------------

    @Nested
    class TextLayers {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n"})
        void refusesEmptyText(String value) {
            refusesLayout(withSecondLayer(text(value)), "layer 2" + TEXT_LENGTH);
        }

        @Test
        void refusesTextOver200Characters() {
            refusesLayout(withSecondLayer(text("t".repeat(201))), "layer 2" + TEXT_LENGTH);
        }

        @Test
        void acceptsTextOfExactly200Characters() {
            accepts(withSecondLayer(text("t".repeat(200))), List.of());
        }

        @ParameterizedTest
        @ValueSource(strings = {"comic", "Sans", "", "monospace"})
        void refusesAnUnknownFont(String font) {
            refusesLayout(withSecondLayer(text("Hi", font, 48, "#ffffff", 10, 10, 500, 1, "left")),
                    "layer 2" + FONT_ALIGN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"justify", "Center", "", "middle"})
        void refusesAnUnknownAlign(String align) {
            refusesLayout(withSecondLayer(text("Hi", "sans", 48, "#ffffff", 10, 10, 500, 1, align)),
                    "layer 2" + FONT_ALIGN);
        }

        @Test
        void acceptsEveryFontAndAlign() {
            List<Layer> layers = new ArrayList<>();
            for (String font : List.of("sans", "serif", "mono")) {
                for (String align : List.of("left", "center", "right")) {
                    layers.add(text("Hi", font, 48, "#ffffff", 10, 10, 500, 1, align));
                }
            }
            accepts(new CardLayout(SIDE, SIDE, BACKGROUND, layers), List.of());
        }

        @ParameterizedTest
        @ValueSource(ints = {7, 401, 0})
        void refusesASizeOutside8To400(int size) {
            refusesLayout(withSecondLayer(text("Hi", "sans", size, "#ffffff", 10, 10, 500, 1, "left")),
                    "layer 2" + SIZE_LINES);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 11, -1})
        void refusesMaxLinesOutside1To10(int maxLines) {
            refusesLayout(withSecondLayer(text("Hi", "sans", 48, "#ffffff", 10, 10, 500, maxLines, "left")),
                    "layer 2" + SIZE_LINES);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, SIDE + 1})
        void refusesAMaxWidthOutsideOneToTheCanvasWidth(int maxWidth) {
            refusesLayout(withSecondLayer(text("Hi", "sans", 48, "#ffffff", 10, 10, maxWidth, 1, "left")),
                    "layer 2" + TEXT_WIDTH);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"white", "#fff", "#ffffffff", "#gggggg"})
        void refusesATextColourNotWrittenRrggbb(String colour) {
            refusesLayout(withSecondLayer(text("Hi", "sans", 48, colour, 10, 10, 500, 1, "left")),
                    "layer 2" + COLOURS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"email", "photo", "Name", "", " name", "first_name"})
        void refusesAVariableACardCannotFill(String variable) {
            refusesLayout(withSecondLayer(text("Hello {" + variable + "}")),
                    "layer 2: {" + variable + "} is not a variable a card can fill (name, title)");
        }

        @Test
        void refusesAnUnknownVariableNextToKnownOnes() {
            refusesLayout(layout(text("{name}"), text("{title} <{email}>")),
                    "layer 2: {email} is not a variable a card can fill (name, title)");
        }

        @Test
        void anUnclosedBraceIsPlainText() {
            accepts(withSecondLayer(text("{name")), List.of());
        }
    }

    // ---- known gaps: expected behaviour, disabled until the aggregate is fixed ------------------------------------

    @Nested
    class KnownGaps {

        @Test
        void refusesATextLayerWithoutFontOrAlign() {
            refusesLayout(withSecondLayer(text("Hi", null, 48, "#ffffff", 10, 10, 500, 1, "left")),
                    "layer 2" + FONT_ALIGN);
            refusesLayout(withSecondLayer(text("Hi", "sans", 48, "#ffffff", 10, 10, 500, 1, null)),
                    "layer 2" + FONT_ALIGN);
        }

        @Test
        void refusesALayerWhoseEdgeOverflows() {
            refusesLayout(withSecondLayer(new Image("k", 1, 0, Integer.MAX_VALUE, 100)), "layer 2" + OUTSIDE);
            refusesLayout(withSecondLayer(new Photo(1, 1, Integer.MAX_VALUE, true)), "layer 2" + OUTSIDE);
            refusesLayout(withSecondLayer(new QrCode(1, 1, Integer.MAX_VALUE, "#000000")), "layer 2" + OUTSIDE);
            refusesLayout(withSecondLayer(text("Hi", "sans", 48, "#ffffff", Integer.MAX_VALUE, 10, 500, 1, "left")),
                    "layer 2" + OUTSIDE);
        }
    }

    // ---- archiving ------------------------------------------------------------------------------------------------

    @Nested
    class Archiving {

        @Test
        void recordsTheArchiving() {
            fixture.given(created())
                    .when(new ArchiveCardTemplate(TEMPLATE, ORG, ARCHIVED_AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new CardTemplateArchived(TEMPLATE, ORG, ARCHIVED_AT));
        }

        @Test
        void anotherOrganizationCannotSeeTheTemplate() {
            fixture.given(created())
                    .when(new ArchiveCardTemplate(TEMPLATE, OTHER_ORG, ARCHIVED_AT))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("not_found"))
                    .expectExceptionMessage("no template " + TEMPLATE)
                    .expectNoEvents();
        }

        @Test
        void anotherOrganizationCannotSeeAnArchivedTemplateEither() {
            fixture.given(created(), new CardTemplateArchived(TEMPLATE, ORG, ARCHIVED_AT))
                    .when(new ArchiveCardTemplate(TEMPLATE, OTHER_ORG, ARCHIVED_AT))
                    .expectException(violation("not_found"))
                    .expectNoEvents();
        }

        @Test
        void refusesArchivingTwice() {
            fixture.given(created(), new CardTemplateArchived(TEMPLATE, ORG, ARCHIVED_AT))
                    .when(new ArchiveCardTemplate(TEMPLATE, ORG, ARCHIVED_AT.plusSeconds(60)))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("template_archived"))
                    .expectExceptionMessage("the template is already archived")
                    .expectNoEvents();
        }
    }

    // ---- the layout as JSON ---------------------------------------------------------------------------------------

    @Nested
    class Json {

        private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

        private final CardLayout layout = new CardLayout(SIDE, 1350, "#0a0B0c", List.of(
                new Image("media/org-1/bg.png", 0, 0, SIDE, 1350),
                new Text("{title} — {name}", "serif", 64, true, "#FFFFFF", 540, 1100, 960, 2, "center"),
                new Photo(390, 300, 300, true),
                new QrCode(900, 1170, 150, "#000000")));

        @Test
        void aLayoutComesBackEqual() throws Exception {
            String json = mapper.writeValueAsString(layout);

            assertThat(mapper.readValue(json, CardLayout.class)).isEqualTo(layout);
        }

        @Test
        void eachLayerNamesItsKind() throws Exception {
            JsonNode tree = mapper.readTree(mapper.writeValueAsString(layout));

            List<String> types = new ArrayList<>();
            tree.get("layers").forEach(layer -> types.add(layer.get("type").asText()));
            assertThat(types).containsExactly("image", "text", "photo", "qr");
        }

        @Test
        void aLayerIsReadByItsTypeName() throws Exception {
            String json = """
                    {"width":200,"height":200,"background":"#ffffff","layers":[
                      {"type":"qr","x":10,"y":10,"size":60,"color":"#000000"},
                      {"type":"photo","x":0,"y":0,"size":100,"round":false}]}""";

            assertThat(mapper.readValue(json, CardLayout.class)).isEqualTo(new CardLayout(200, 200, "#ffffff",
                    List.of(new QrCode(10, 10, 60, "#000000"), new Photo(0, 0, 100, false))));
        }

        @Test
        void theCreatedEventComesBackEqual() throws Exception {
            CardTemplateCreated event = created(layout, List.of("name", "title", "photo"));

            assertThat(mapper.readValue(mapper.writeValueAsString(event), CardTemplateCreated.class))
                    .isEqualTo(event);
        }
    }
}
