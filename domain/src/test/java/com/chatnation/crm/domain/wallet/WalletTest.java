package com.chatnation.crm.domain.wallet;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WalletTest {

    private static final String WALLET = "wallet-org-1";
    private static final String ORG = "org-1";

    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
    }

    private static WalletCreated created(long threshold) {
        return new WalletCreated(WALLET, ORG, threshold);
    }

    private static TokensPurchased purchased(String ref, long amount, long after) {
        return new TokensPurchased(WALLET, ORG, ref, amount, after);
    }

    @Nested
    class Creation {
        @Test
        void opensWithZeroBalance() {
            fixture.givenNoPriorActivity()
                    .when(new CreateWallet(WALLET, ORG, 100))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created(100))
                    .expectState(wallet -> {
                        assertThat(wallet.balance()).isZero();
                        assertThat(wallet.available()).isZero();
                    });
        }

        @Test
        void refusesNegativeThreshold() {
            fixture.givenNoPriorActivity()
                    .when(new CreateWallet(WALLET, ORG, -1))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("low-balance threshold cannot be negative, was -1")
                    .expectNoEvents();
        }

        @Test
        void refusesMissingOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new CreateWallet(WALLET, " ", 0))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("organization id is required");
        }
    }

    @Nested
    class Purchases {
        @Test
        void creditsTokens() {
            fixture.given(created(0))
                    .when(new PurchaseTokens(WALLET, "pay-1", 2000))
                    .expectEvents(purchased("pay-1", 2000, 2000))
                    .expectResultMessagePayload(2000L);
        }

        @Test
        void samePaymentReferenceCreditsOnce() {
            fixture.given(created(0), purchased("pay-1", 2000, 2000))
                    .when(new PurchaseTokens(WALLET, "pay-1", 2000))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(wallet -> assertThat(wallet.balance()).isEqualTo(2000));
        }

        @Test
        void refusesZeroAmount() {
            fixture.given(created(0))
                    .when(new PurchaseTokens(WALLET, "pay-1", 0))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("a purchase must be a positive number of tokens, was 0")
                    .expectNoEvents();
        }

        @Test
        void refusesNegativeAmount() {
            fixture.given(created(0))
                    .when(new PurchaseTokens(WALLET, "pay-1", -5))
                    .expectException(DomainRuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void refusesOverflowingBalance() {
            fixture.given(created(0), purchased("pay-1", Long.MAX_VALUE - 10, Long.MAX_VALUE - 10))
                    .when(new PurchaseTokens(WALLET, "pay-2", 11))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("exceeds the largest balance"))
                    .expectNoEvents();
        }

        @Test
        void refusesMissingPaymentReference() {
            fixture.given(created(0))
                    .when(new PurchaseTokens(WALLET, "", 10))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("payment reference is required");
        }
    }

    @Nested
    class Debits {
        @Test
        void chargesAndReportsBalanceAfter() {
            fixture.given(created(0), purchased("pay-1", 100, 100))
                    .when(new DebitTokens(WALLET, "surveys", "reply", "msg-1", 3))
                    .expectEvents(new TokenDebited(WALLET, ORG, "surveys", "reply", "msg-1", 3, 97))
                    .expectResultMessagePayload(new DebitOutcome(DebitOutcome.Status.DEBITED, "msg-1", 3, 97));
        }

        @Test
        void sameReferenceDebitsOnce() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokenDebited(WALLET, ORG, "surveys", "reply", "msg-1", 3, 97))
                    .when(new DebitTokens(WALLET, "surveys", "reply", "msg-1", 3))
                    .expectNoEvents()
                    .expectResultMessagePayload(new DebitOutcome(DebitOutcome.Status.ALREADY_DEBITED, "msg-1", 3, 97));
        }

        @Test
        void declinesAndRecordsWhenBalanceIsShort() {
            fixture.given(created(0), purchased("pay-1", 2, 2))
                    .when(new DebitTokens(WALLET, "events", "reply", "msg-1", 3))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TokenDebitDeclined(WALLET, ORG, "events", "reply", "msg-1", 3, 2))
                    .expectResultMessagePayload(new DebitOutcome(DebitOutcome.Status.DECLINED, "msg-1", 3, 2))
                    .expectState(wallet -> assertThat(wallet.balance()).isEqualTo(2));
        }

        @Test
        void reservedTokensCannotBeSpent() {
            fixture.given(created(0), purchased("pay-1", 10, 10),
                            new TokensReserved(WALLET, ORG, "bc-1", 8, "broadcast", 8))
                    .when(new DebitTokens(WALLET, "events", "reply", "msg-1", 3))
                    .expectEvents(new TokenDebitDeclined(WALLET, ORG, "events", "reply", "msg-1", 3, 2));
        }

        @Test
        void aDeclinedReferenceCanBePaidAfterTopUp() {
            fixture.given(created(0), new TokenDebitDeclined(WALLET, ORG, "events", "reply", "msg-1", 3, 0),
                            purchased("pay-1", 10, 10))
                    .when(new DebitTokens(WALLET, "events", "reply", "msg-1", 3))
                    .expectEvents(new TokenDebited(WALLET, ORG, "events", "reply", "msg-1", 3, 7));
        }

        @Test
        void canSpendEverything() {
            fixture.given(created(0), purchased("pay-1", 3, 3))
                    .when(new DebitTokens(WALLET, "events", "reply", "msg-1", 3))
                    .expectEvents(new TokenDebited(WALLET, ORG, "events", "reply", "msg-1", 3, 0));
        }

        @Test
        void refusesZeroAmount() {
            fixture.given(created(0), purchased("pay-1", 3, 3))
                    .when(new DebitTokens(WALLET, "events", "reply", "msg-1", 0))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("a debit must be a positive number of tokens, was 0")
                    .expectNoEvents();
        }

        @Test
        void refusesNegativeAmount() {
            fixture.given(created(0), purchased("pay-1", 3, 3))
                    .when(new DebitTokens(WALLET, "events", "reply", "msg-1", -3))
                    .expectException(DomainRuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void refusesMissingReference() {
            fixture.given(created(0), purchased("pay-1", 3, 3))
                    .when(new DebitTokens(WALLET, "events", "reply", null, 1))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("reference id is required");
        }

        @Test
        void refusesMissingModule() {
            fixture.given(created(0), purchased("pay-1", 3, 3))
                    .when(new DebitTokens(WALLET, "", "reply", "msg-1", 1))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("module is required");
        }
    }

    /** Several replies' debits in one command: each decided as if alone, in order, with one outcome each. */
    @Nested
    class DebitsTogether {

        private DebitTokens debit(String reference, long amount) {
            return new DebitTokens(WALLET, "surveys", "reply", reference, amount);
        }

        @Test
        void chargesEachInOrderWithItsBalanceAfter() {
            fixture.given(created(0), purchased("pay-1", 10, 10))
                    .when(new DebitTokensTogether(WALLET, List.of(debit("r-1", 3), debit("r-2", 4))))
                    .expectEvents(new TokenDebited(WALLET, ORG, "surveys", "reply", "r-1", 3, 7),
                            new TokenDebited(WALLET, ORG, "surveys", "reply", "r-2", 4, 3))
                    .expectResultMessagePayload(List.of(
                            new DebitOutcome(DebitOutcome.Status.DEBITED, "r-1", 3, 7),
                            new DebitOutcome(DebitOutcome.Status.DEBITED, "r-2", 4, 3)));
        }

        @Test
        void neverOverdrawsTheDebitsThatDoNotFitAreDeclinedAndTheRestStillCharged() {
            fixture.given(created(0), purchased("pay-1", 5, 5))
                    .when(new DebitTokensTogether(WALLET, List.of(debit("r-1", 3), debit("r-2", 3), debit("r-3", 2))))
                    .expectEvents(new TokenDebited(WALLET, ORG, "surveys", "reply", "r-1", 3, 2),
                            new TokenDebitDeclined(WALLET, ORG, "surveys", "reply", "r-2", 3, 2),
                            new TokenDebited(WALLET, ORG, "surveys", "reply", "r-3", 2, 0))
                    .expectResultMessagePayload(List.of(
                            new DebitOutcome(DebitOutcome.Status.DEBITED, "r-1", 3, 2),
                            new DebitOutcome(DebitOutcome.Status.DECLINED, "r-2", 3, 2),
                            new DebitOutcome(DebitOutcome.Status.DEBITED, "r-3", 2, 0)))
                    .expectState(wallet -> assertThat(wallet.available()).isZero());
        }

        @Test
        void aReferenceAlreadyChargedBeforeOrEarlierInTheSameCommandIsNotChargedAgain() {
            fixture.given(created(0), purchased("pay-1", 10, 10),
                            new TokenDebited(WALLET, ORG, "surveys", "reply", "r-1", 3, 7))
                    .when(new DebitTokensTogether(WALLET, List.of(debit("r-1", 3), debit("r-2", 1), debit("r-2", 1))))
                    .expectEvents(new TokenDebited(WALLET, ORG, "surveys", "reply", "r-2", 1, 6))
                    .expectResultMessagePayload(List.of(
                            new DebitOutcome(DebitOutcome.Status.ALREADY_DEBITED, "r-1", 3, 7),
                            new DebitOutcome(DebitOutcome.Status.DEBITED, "r-2", 1, 6),
                            new DebitOutcome(DebitOutcome.Status.ALREADY_DEBITED, "r-2", 1, 6)));
        }

        @Test
        void warnsOnceWhenTheBatchCrossesTheThreshold() {
            fixture.given(created(5), purchased("pay-1", 10, 10))
                    .when(new DebitTokensTogether(WALLET, List.of(debit("r-1", 3), debit("r-2", 3), debit("r-3", 1))))
                    .expectEvents(new TokenDebited(WALLET, ORG, "surveys", "reply", "r-1", 3, 7),
                            new TokenDebited(WALLET, ORG, "surveys", "reply", "r-2", 3, 4),
                            new LowBalanceReached(WALLET, ORG, 5, 4),
                            new TokenDebited(WALLET, ORG, "surveys", "reply", "r-3", 1, 3));
        }

        @Test
        void refusesNoDebits() {
            fixture.given(created(0), purchased("pay-1", 10, 10))
                    .when(new DebitTokensTogether(WALLET, List.of()))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("no debits to charge")
                    .expectNoEvents();
        }

        @Test
        void refusesMoreThanItsBound() {
            List<DebitTokens> many = new ArrayList<>();
            for (int i = 0; i <= DebitTokensTogether.MAX_DEBITS; i++) {
                many.add(debit("r-" + i, 1));
            }
            fixture.given(created(0), purchased("pay-1", 10_000, 10_000))
                    .when(new DebitTokensTogether(WALLET, many))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("at most 500 debits can be charged together, were 501")
                    .expectNoEvents();
        }

        @Test
        void refusesADebitOfAnotherWalletBeforeChargingAny() {
            fixture.given(created(0), purchased("pay-1", 10, 10))
                    .when(new DebitTokensTogether(WALLET, List.of(debit("r-1", 1),
                            new DebitTokens("wallet-org-2", "surveys", "reply", "r-2", 1))))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("a debit of wallet 'wallet-org-2' cannot be charged to 'wallet-org-1'")
                    .expectNoEvents();
        }

        @Test
        void refusesAnInvalidDebitBeforeChargingAny() {
            fixture.given(created(0), purchased("pay-1", 10, 10))
                    .when(new DebitTokensTogether(WALLET, List.of(debit("r-1", 1), debit("r-2", 0))))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("a debit must be a positive number of tokens, was 0")
                    .expectNoEvents();
        }

        @Test
        void refusesADebitWithoutReference() {
            fixture.given(created(0), purchased("pay-1", 10, 10))
                    .when(new DebitTokensTogether(WALLET, List.of(debit(null, 1))))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("reference id is required")
                    .expectNoEvents();
        }
    }

    /** Debits by reference are remembered for the most recent {@link Wallet#REMEMBERED_DEBITS} only. */
    @Nested
    class RememberedDebits {

        /** The wallet's history: a purchase, then {@code count} one-token debits with references d-0, d-1, … */
        private List<Object> debits(int count) {
            List<Object> history = new ArrayList<>();
            history.add(created(0));
            history.add(purchased("pay-1", 1_000_000, 1_000_000));
            for (int i = 0; i < count; i++) {
                history.add(new TokenDebited(WALLET, ORG, "surveys", "reply", "d-" + i, 1, 1_000_000 - i - 1));
            }
            return history;
        }

        @Test
        void aRecentReferenceIsStillNotChargedTwice() {
            fixture.given(debits(Wallet.REMEMBERED_DEBITS + 1))
                    .when(new DebitTokens(WALLET, "surveys", "reply", "d-1", 1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aReferenceOlderThanTheWindowIsForgotten() {
            int count = Wallet.REMEMBERED_DEBITS + 1;
            fixture.given(debits(count))
                    .when(new DebitTokens(WALLET, "surveys", "reply", "d-0", 1))
                    .expectEvents(new TokenDebited(WALLET, ORG, "surveys", "reply", "d-0", 1, 1_000_000 - count - 1));
        }

        @Test
        void aForgottenDebitCannotBeRefunded() {
            fixture.given(debits(Wallet.REMEMBERED_DEBITS + 1))
                    .when(new RefundTokens(WALLET, "d-0", 1, "too late"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("no debit with reference id 'd-0' to refund")
                    .expectNoEvents();
        }

        @Test
        void theOldestRememberedDebitCanStillBeRefunded() {
            int count = Wallet.REMEMBERED_DEBITS + 1;
            fixture.given(debits(count))
                    .when(new RefundTokens(WALLET, "d-1", 1, "refused by WhatsApp"))
                    .expectEvents(new TokensRefunded(WALLET, ORG, "d-1", 1, 1_000_000 - count + 1,
                            "refused by WhatsApp"));
        }
    }

    @Nested
    class Refunds {
        @Test
        void givesBackPartOfADebit() {
            fixture.given(created(0), purchased("pay-1", 10, 10),
                            new TokenDebited(WALLET, ORG, "ai", "answer", "q-1", 5, 5))
                    .when(new RefundTokens(WALLET, "q-1", 2, "answer failed"))
                    .expectEvents(new TokensRefunded(WALLET, ORG, "q-1", 2, 7, "answer failed"));
        }

        @Test
        void refusesMoreThanWasDebited() {
            fixture.given(created(0), purchased("pay-1", 10, 10),
                            new TokenDebited(WALLET, ORG, "ai", "answer", "q-1", 5, 5),
                            new TokensRefunded(WALLET, ORG, "q-1", 4, 9, "partial"))
                    .when(new RefundTokens(WALLET, "q-1", 2, "again"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("cannot refund 2 tokens for 'q-1': only 1 remain refundable")
                    .expectNoEvents();
        }

        @Test
        void givesBackWhatAReservationCapturedEvenAfterItsRelease() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60),
                            new ReservationCaptured(WALLET, ORG, "bc-1", 30, "templates", "marketing", 70, 30),
                            new ReservationCaptured(WALLET, ORG, "bc-1", 15, "templates", "marketing", 55, 15),
                            new ReservationReleased(WALLET, ORG, "bc-1", 15, 0))
                    .when(new RefundTokens(WALLET, "bc-1", 15, "message failed after sending"))
                    .expectEvents(new TokensRefunded(WALLET, ORG, "bc-1", 15, 70, "message failed after sending"))
                    .expectState(wallet -> assertThat(wallet.available()).isEqualTo(70));
        }

        @Test
        void refusesToGiveBackMoreThanAReservationCaptured() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60),
                            new ReservationCaptured(WALLET, ORG, "bc-1", 30, "templates", "marketing", 70, 30),
                            new TokensRefunded(WALLET, ORG, "bc-1", 20, 90, "failed"))
                    .when(new RefundTokens(WALLET, "bc-1", 11, "failed"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("cannot refund 11 tokens for 'bc-1': only 10 remain refundable")
                    .expectNoEvents();
        }

        @Test
        void aReservationThatCapturedNothingHasNothingToGiveBack() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60))
                    .when(new RefundTokens(WALLET, "bc-1", 1, "failed"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("no debit with reference id 'bc-1' to refund");
        }

        @Test
        void refusesUnknownReference() {
            fixture.given(created(0), purchased("pay-1", 10, 10))
                    .when(new RefundTokens(WALLET, "nope", 1, "x"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("no debit with reference id 'nope' to refund");
        }

        @Test
        void refusesZeroAmount() {
            fixture.given(created(0), purchased("pay-1", 10, 10),
                            new TokenDebited(WALLET, ORG, "ai", "answer", "q-1", 5, 5))
                    .when(new RefundTokens(WALLET, "q-1", 0, "x"))
                    .expectException(DomainRuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void aRefundedReferenceStillCannotBeDebitedAgain() {
            fixture.given(created(0), purchased("pay-1", 10, 10),
                            new TokenDebited(WALLET, ORG, "ai", "answer", "q-1", 5, 5),
                            new TokensRefunded(WALLET, ORG, "q-1", 5, 10, "full"))
                    .when(new DebitTokens(WALLET, "ai", "answer", "q-1", 5))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reservations {
        @Test
        void holdsTokensOutOfTheAvailableBalance() {
            fixture.given(created(0), purchased("pay-1", 100, 100))
                    .when(new ReserveTokens(WALLET, "bc-1", 60, "broadcast"))
                    .expectEvents(new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60))
                    .expectState(wallet -> {
                        assertThat(wallet.balance()).isEqualTo(100);
                        assertThat(wallet.available()).isEqualTo(40);
                    });
        }

        @Test
        void refusesToReserveMoreThanAvailable() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60))
                    .when(new ReserveTokens(WALLET, "bc-2", 41, "broadcast"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("cannot reserve 41 tokens: only 40 available")
                    .expectNoEvents();
        }

        @Test
        void refusesReusingAnOpenReservationId() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 10, "broadcast", 10))
                    .when(new ReserveTokens(WALLET, "bc-1", 10, "broadcast"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("reservation 'bc-1' is already open");
        }

        @Test
        void refusesZeroReservation() {
            fixture.given(created(0), purchased("pay-1", 100, 100))
                    .when(new ReserveTokens(WALLET, "bc-1", 0, "broadcast"))
                    .expectException(DomainRuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void capturesPartOfAReservation() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60))
                    .when(new CaptureReservation(WALLET, "bc-1", 45, "content", "send_broadcast"))
                    .expectEvents(new ReservationCaptured(WALLET, ORG, "bc-1", 45, "content", "send_broadcast", 55, 15))
                    .expectState(wallet -> {
                        assertThat(wallet.balance()).isEqualTo(55);
                        assertThat(wallet.reserved()).isEqualTo(15);
                        assertThat(wallet.available()).isEqualTo(40);
                    });
        }

        @Test
        void refusesCapturingMoreThanHeld() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60),
                            new ReservationCaptured(WALLET, ORG, "bc-1", 50, "content", "send_broadcast", 50, 10))
                    .when(new CaptureReservation(WALLET, "bc-1", 11, "content", "send_broadcast"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("cannot capture 11 tokens: reservation 'bc-1' holds 10")
                    .expectNoEvents();
        }

        @Test
        void refusesCapturingUnknownReservation() {
            fixture.given(created(0), purchased("pay-1", 100, 100))
                    .when(new CaptureReservation(WALLET, "bc-9", 1, "content", "send_broadcast"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("no open reservation 'bc-9'");
        }

        @Test
        void refusesZeroCapture() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60))
                    .when(new CaptureReservation(WALLET, "bc-1", 0, "content", "send_broadcast"))
                    .expectException(DomainRuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void releasesTheRest() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60),
                            new ReservationCaptured(WALLET, ORG, "bc-1", 45, "content", "send_broadcast", 55, 15))
                    .when(new ReleaseReservation(WALLET, "bc-1"))
                    .expectEvents(new ReservationReleased(WALLET, ORG, "bc-1", 15, 0))
                    .expectResultMessagePayload(15L)
                    .expectState(wallet -> assertThat(wallet.available()).isEqualTo(55));
        }

        @Test
        void refusesReleasingTwice() {
            fixture.given(created(0), purchased("pay-1", 100, 100),
                            new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60),
                            new ReservationReleased(WALLET, ORG, "bc-1", 60, 0))
                    .when(new ReleaseReservation(WALLET, "bc-1"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("no open reservation 'bc-1'");
        }
    }

    @Nested
    class LowBalance {
        @Test
        void warnsWhenADebitCrossesBelowTheThreshold() {
            fixture.given(created(50), purchased("pay-1", 60, 60))
                    .when(new DebitTokens(WALLET, "events", "reply", "m-1", 20))
                    .expectEvents(new TokenDebited(WALLET, ORG, "events", "reply", "m-1", 20, 40),
                            new LowBalanceReached(WALLET, ORG, 50, 40));
        }

        @Test
        void warnsOncePerCrossing() {
            fixture.given(created(50), purchased("pay-1", 60, 60),
                            new TokenDebited(WALLET, ORG, "events", "reply", "m-1", 20, 40),
                            new LowBalanceReached(WALLET, ORG, 50, 40))
                    .when(new DebitTokens(WALLET, "events", "reply", "m-2", 20))
                    .expectEvents(new TokenDebited(WALLET, ORG, "events", "reply", "m-2", 20, 20));
        }

        @Test
        void warnsAgainAfterATopUpAboveTheThreshold() {
            fixture.given(created(50), purchased("pay-1", 60, 60),
                            new TokenDebited(WALLET, ORG, "events", "reply", "m-1", 20, 40),
                            new LowBalanceReached(WALLET, ORG, 50, 40),
                            purchased("pay-2", 100, 140))
                    .when(new DebitTokens(WALLET, "events", "reply", "m-2", 100))
                    .expectEvents(new TokenDebited(WALLET, ORG, "events", "reply", "m-2", 100, 40),
                            new LowBalanceReached(WALLET, ORG, 50, 40));
        }

        @Test
        void aTopUpThatStaysBelowDoesNotRearm() {
            fixture.given(created(50), purchased("pay-1", 60, 60),
                            new TokenDebited(WALLET, ORG, "events", "reply", "m-1", 20, 40),
                            new LowBalanceReached(WALLET, ORG, 50, 40),
                            purchased("pay-2", 5, 45))
                    .when(new DebitTokens(WALLET, "events", "reply", "m-2", 1))
                    .expectEvents(new TokenDebited(WALLET, ORG, "events", "reply", "m-2", 1, 44));
        }

        @Test
        void aReservationCanCrossTheThreshold() {
            fixture.given(created(50), purchased("pay-1", 100, 100))
                    .when(new ReserveTokens(WALLET, "bc-1", 60, "broadcast"))
                    .expectEvents(new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60),
                            new LowBalanceReached(WALLET, ORG, 50, 40));
        }

        @Test
        void raisingTheThresholdAboveTheBalanceWarns() {
            fixture.given(created(10), purchased("pay-1", 100, 100))
                    .when(new ChangeLowBalanceThreshold(WALLET, 200))
                    .expectEvents(new LowBalanceThresholdChanged(WALLET, ORG, 200),
                            new LowBalanceReached(WALLET, ORG, 200, 100));
        }

        @Test
        void refusesNegativeThreshold() {
            fixture.given(created(10))
                    .when(new ChangeLowBalanceThreshold(WALLET, -1))
                    .expectException(DomainRuleViolation.class)
                    .expectNoEvents();
        }
    }
}
