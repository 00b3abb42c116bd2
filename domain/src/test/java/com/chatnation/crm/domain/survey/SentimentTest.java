package com.chatnation.crm.domain.survey;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SentimentTest {

    @Test
    void emptyOrOpinionlessTextIsNeutral() {
        assertThat(Sentiment.score("")).isZero();
        assertThat(Sentiment.score((String) null)).isZero();
        assertThat(Sentiment.score("I came on Tuesday")).isZero();
        assertThat(Sentiment.score(List.of())).isZero();
    }

    @Test
    void scoresPositiveAndNegativeWords() {
        assertThat(Sentiment.score("The food was good")).isEqualTo(0.6);
        assertThat(Sentiment.score("Terrible service")).isEqualTo(-1.0);
    }

    @Test
    void negationFlipsTheOpinion() {
        assertThat(Sentiment.score("not good")).isEqualTo(-0.6);
        assertThat(Sentiment.score("It wasn't bad at all")).isEqualTo(0.6);
        assertThat(Sentiment.score("The staff was not very helpful")).isEqualTo(-0.9);
    }

    @Test
    void negationStopsAtButAndAtAnotherOpinion() {
        assertThat(Sentiment.score("not good but great")).isEqualTo(0.1);
    }

    @Test
    void intensifiersStrengthenWithinBounds() {
        assertThat(Sentiment.score("very good")).isEqualTo(0.9);
        assertThat(Sentiment.score("extremely excellent")).isEqualTo(1.0);
        assertThat(Sentiment.score("really terrible")).isEqualTo(-1.0);
    }

    @Test
    void understandsSomeSwahili() {
        assertThat(Sentiment.score("Huduma nzuri sana, asante")).isEqualTo(0.65);
        assertThat(Sentiment.score("mbaya")).isEqualTo(-0.6);
        assertThat(Sentiment.score("poa")).isPositive();
    }

    @Test
    void mixedTextAveragesItsOpinions() {
        assertThat(Sentiment.score("Great venue but slow registration")).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void severalAnswersPoolTheirOpinions() {
        assertThat(Sentiment.score(List.of("good", "bad", "terrible"))).isEqualTo(-0.333);
    }

    @Test
    void isDeterministicAndBounded() {
        String text = "love love love hate awful not bad very very good";
        double first = Sentiment.score(text);
        assertThat(Sentiment.score(text)).isEqualTo(first);
        assertThat(first).isBetween(-1.0, 1.0);
    }
}
