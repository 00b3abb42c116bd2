package com.chatnation.crm.domain.payment;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment is settled or failed once, by whichever of the provider's answers comes first and means it. */
class PaymentTest {

    private static final String ID = "pay-1";
    private static final String ORG = "org-1";
    private static final String CHECKOUT = "ws_CO_01122026101010123456789";
    private static final Instant ASKED = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant BY = Instant.parse("2026-12-02T10:15:00Z");
    private static final Instant PAID = Instant.parse("2026-12-02T10:00:40Z");
    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    private static RequestPayment request(BigDecimal amount, String currency, String phone) {
        return new RequestPayment(ID, ORG, PaymentPurpose.TICKETS, "res-1", "evt-1", 0, amount, currency, "mpesa",
                "contact-1", phone, "conv-1", ASKED, BY);
    }

    private static PaymentRequested requested() {
        return new PaymentRequested(ID, ORG, PaymentPurpose.TICKETS, "res-1", "evt-1", 0, TEN_THOUSAND, "KES", "mpesa",
                "contact-1", "+254708374149", "conv-1", ASKED, BY);
    }

    private static PaymentInitiated initiated() {
        return new PaymentInitiated(ID, ORG, PaymentPurpose.TICKETS, "res-1", CHECKOUT, ASKED);
    }

    private static PaymentSettled settled(String receipt, String source, boolean afterFailure) {
        return new PaymentSettled(ID, ORG, PaymentPurpose.TICKETS, "res-1", "evt-1", 0, CHECKOUT, receipt, TEN_THOUSAND,
                "KES", source, afterFailure, PAID);
    }

    private static PaymentFailed failed(PaymentFailure failure) {
        return new PaymentFailed(ID, ORG, PaymentPurpose.TICKETS, "res-1", "evt-1", "conv-1", failure, "1032",
                "Request cancelled by user", "callback", PAID);
    }

    private static SettlePayment settle(String receipt, BigDecimal amount) {
        return new SettlePayment(ID, CHECKOUT, receipt, amount, "callback", PAID);
    }

    private static FailPayment fail(PaymentFailure failure) {
        return new FailPayment(ID, failure, "1032", "Request cancelled by user", "callback", PAID);
    }

    static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    @Nested
    class Asking {

        @Test
        void aRequestRecordsTheAmountAndTheNumberInE164() {
            fixture.givenNoPriorActivity()
                    .when(request(TEN_THOUSAND, "KES", "0708 374 149".replace("0708", "+254708")))
                    .expectEvents(requested());
        }

        @Test
        void aTopUpNamesItsTokensAndNoEvent() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(ID, ORG, PaymentPurpose.TOKENS, "topup-1", null, 2000, new BigDecimal("2000"),
                            "KES", "mpesa", "user-1", "+254708374149", null, ASKED, BY))
                    .expectEvents(new PaymentRequested(ID, ORG, PaymentPurpose.TOKENS, "topup-1", null, 2000,
                            new BigDecimal("2000"), "KES", "mpesa", "user-1", "+254708374149", null, ASKED, BY));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "10.50", "250001"})
        void mpesaTakesWholeShillingsWithinItsLimit(String amount) {
            fixture.givenNoPriorActivity()
                    .when(request(new BigDecimal(amount), "KES", "+254708374149"))
                    .expectException(violation("invalid_amount"))
                    .expectNoEvents();
        }

        @Test
        void otherCurrenciesAreRefused() {
            fixture.givenNoPriorActivity()
                    .when(request(TEN_THOUSAND, "USD", "+254708374149"))
                    .expectException(violation("unsupported_currency"));
        }

        @Test
        void aNumberOutsideKenyaIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(request(TEN_THOUSAND, "KES", "+447700900123"))
                    .expectException(violation("unsupported_phone"));
        }

        @Test
        void aTicketPaymentNamesItsEvent() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(ID, ORG, PaymentPurpose.TICKETS, "res-1", null, 0, TEN_THOUSAND, "KES",
                            "mpesa", "contact-1", "+254708374149", null, ASKED, BY))
                    .expectException(violation("missing_event"));
        }

        @Test
        void aTopUpBuysAtLeastOneToken() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(ID, ORG, PaymentPurpose.TOKENS, "topup-1", null, 0, TEN_THOUSAND, "KES",
                            "mpesa", "user-1", "+254708374149", null, ASKED, BY))
                    .expectException(violation("invalid_tokens"));
        }

        @Test
        void theDeadlineMustComeAfterTheRequest() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(ID, ORG, PaymentPurpose.TICKETS, "res-1", "evt-1", 0, TEN_THOUSAND, "KES",
                            "mpesa", "contact-1", "+254708374149", null, ASKED, ASKED))
                    .expectException(violation("invalid_deadline"));
        }

        @Test
        void aPaymentSaysWhatItIsFor() {
            fixture.givenNoPriorActivity()
                    .when(new RequestPayment(ID, ORG, null, "res-1", "evt-1", 0, TEN_THOUSAND, "KES",
                            "mpesa", "contact-1", "+254708374149", null, ASKED, BY))
                    .expectException(violation("missing_purpose"));
        }
    }

    @Nested
    class Initiating {

        @Test
        void theProvidersReferenceIsRecorded() {
            fixture.given(requested())
                    .when(new RecordPaymentInitiation(ID, CHECKOUT, ASKED))
                    .expectEvents(initiated())
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.INITIATED, true));
        }

        @Test
        void recordingTheSameReferenceAgainChangesNothing() {
            fixture.given(requested(), initiated())
                    .when(new RecordPaymentInitiation(ID, CHECKOUT, ASKED))
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.INITIATED, false));
        }

        @Test
        void anotherReferenceForAStartedPaymentIsRefused() {
            fixture.given(requested(), initiated())
                    .when(new RecordPaymentInitiation(ID, "ws_CO_other", ASKED))
                    .expectException(violation("already_initiated"));
        }

        @Test
        void anAnswerThatCameBeforeTheInitiationWasRecordedStands() {
            fixture.given(requested(), settled("NLJ7RT61SV", "callback", false))
                    .when(new RecordPaymentInitiation(ID, CHECKOUT, ASKED))
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.SETTLED, false));
        }
    }

    @Nested
    class Settling {

        @Test
        void theFirstSuccessSettles() {
            fixture.given(requested(), initiated())
                    .when(settle("NLJ7RT61SV", TEN_THOUSAND))
                    .expectEvents(settled("NLJ7RT61SV", "callback", false))
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.SETTLED, true));
        }

        @Test
        void aRepeatedCallbackChangesNothing() {
            fixture.given(requested(), initiated(), settled("NLJ7RT61SV", "callback", false))
                    .when(settle("NLJ7RT61SV", TEN_THOUSAND))
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.SETTLED, false));
        }

        @Test
        void aSecondPaymentUnderAnotherReferenceIsRefused() {
            fixture.given(requested(), initiated(), settled("NLJ7RT61SV", "callback", false))
                    .when(new SettlePayment(ID, "ws_CO_other", "QWE123", TEN_THOUSAND, "callback", PAID))
                    .expectException(violation("already_settled"));
        }

        @Test
        void anAmountOtherThanAskedIsRefused() {
            fixture.given(requested(), initiated())
                    .when(settle("NLJ7RT61SV", new BigDecimal("1")))
                    .expectException(violation("amount_mismatch"))
                    .expectNoEvents();
        }

        @Test
        void aSuccessAfterThePaymentWasGivenUpIsRecordedAsLate() {
            fixture.given(requested(), initiated(), failed(PaymentFailure.NO_ANSWER))
                    .when(settle("NLJ7RT61SV", TEN_THOUSAND))
                    .expectEvents(settled("NLJ7RT61SV", "callback", true));
        }

        @Test
        void aStatusQueryAnswerHasNoReceipt() {
            fixture.given(requested(), initiated())
                    .when(new SettlePayment(ID, CHECKOUT, " ", TEN_THOUSAND, "status_query", PAID))
                    .expectEvents(settled(null, "status_query", false));
        }
    }

    @Nested
    class Failing {

        @Test
        void theFirstFailureFails() {
            fixture.given(requested(), initiated())
                    .when(fail(PaymentFailure.CANCELLED_BY_PAYER))
                    .expectEvents(failed(PaymentFailure.CANCELLED_BY_PAYER))
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.FAILED, true));
        }

        @Test
        void aRepeatedFailureChangesNothing() {
            fixture.given(requested(), initiated(), failed(PaymentFailure.CANCELLED_BY_PAYER))
                    .when(fail(PaymentFailure.NO_ANSWER))
                    .expectNoEvents()
                    .expectResultMessagePayload(new PaymentOutcome(PaymentState.FAILED, false));
        }

        @Test
        void aFailureAfterTheMoneyMovedIsRefused() {
            fixture.given(requested(), initiated(), settled("NLJ7RT61SV", "callback", false))
                    .when(fail(PaymentFailure.NO_ANSWER))
                    .expectException(violation("already_settled"));
        }

        @Test
        void aFailureSaysWhy() {
            fixture.given(requested(), initiated())
                    .when(new FailPayment(ID, null, null, null, "callback", PAID))
                    .expectException(violation("missing_failure"));
        }
    }

    @Nested
    class Refunds {

        @Test
        void aSettledPaymentCanBeFlaggedForRefundOnce() {
            PaymentRefundDue due = new PaymentRefundDue(ID, ORG, PaymentPurpose.TICKETS, "res-1", TEN_THOUSAND, "KES",
                    "the reservation expired before the money came");
            fixture.given(requested(), initiated(), settled("NLJ7RT61SV", "callback", true))
                    .when(new FlagPaymentForRefund(ID, "the reservation expired before the money came"))
                    .expectEvents(due);
            fixture.given(requested(), initiated(), settled("NLJ7RT61SV", "callback", true), due)
                    .when(new FlagPaymentForRefund(ID, "again"))
                    .expectNoEvents();
        }

        @Test
        void aPaymentThatTookNoMoneyHasNothingToRefund() {
            fixture.given(requested(), initiated(), failed(PaymentFailure.INSUFFICIENT_FUNDS))
                    .when(new FlagPaymentForRefund(ID, "why"))
                    .expectException(violation("not_settled"));
        }
    }
}
