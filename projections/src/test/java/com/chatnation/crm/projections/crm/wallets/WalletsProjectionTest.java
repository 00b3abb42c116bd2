package com.chatnation.crm.projections.crm.wallets;

import com.chatnation.crm.domain.wallet.LowBalanceReached;
import com.chatnation.crm.domain.wallet.LowBalanceThresholdChanged;
import com.chatnation.crm.domain.wallet.ReservationCaptured;
import com.chatnation.crm.domain.wallet.ReservationReleased;
import com.chatnation.crm.domain.wallet.TokenDebitDeclined;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.domain.wallet.TokensRefunded;
import com.chatnation.crm.domain.wallet.TokensReserved;
import com.chatnation.crm.domain.wallet.WalletCreated;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WalletsProjectionTest {

    private static final String ORG = "org-1";
    private static final String WALLET = "wallet-org-1";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new WalletsProjection(jdbc));
    }

    private static History history() {
        return new History()
                .add(WALLET, new WalletCreated(WALLET, ORG, 100))                                   // 0
                .add(WALLET, new TokensPurchased(WALLET, ORG, "pay-1", 2000, 2000))                 // 1
                .add(WALLET, new TokenDebited(WALLET, ORG, "surveys", "survey_question", "m-1", 50, 1950)) // 2
                .add(WALLET, new TokensRefunded(WALLET, ORG, "m-1", 20, 1970, "not delivered"))     // 3
                .add(WALLET, new TokensReserved(WALLET, ORG, "bc-1", 1000, "broadcast", 1000))      // 4
                .add(WALLET, new ReservationCaptured(WALLET, ORG, "bc-1", 600, "broadcasts", "send_broadcast",
                        1370, 400))                                                                 // 5
                .add(WALLET, new ReservationReleased(WALLET, ORG, "bc-1", 400, 0))                   // 6
                .add(WALLET, new TokenDebitDeclined(WALLET, ORG, "hypecard", "generate_card", "card-1", 5000, 1370)) // 7
                .add(WALLET, new LowBalanceThresholdChanged(WALLET, ORG, 1500))                     // 8
                .add(WALLET, new LowBalanceReached(WALLET, ORG, 1500, 1370));                       // 9
    }

    @Test
    void scriptedHistoryBuildsWalletLedgerDeclinesAndAlerts() {
        History history = history();
        projector.apply(history.events());

        Map<String, Object> wallet = jdbc.queryForMap("SELECT * FROM wallets");
        assertThat(wallet).containsEntry("id", WALLET).containsEntry("organization_id", ORG)
                .containsEntry("balance", 1370L).containsEntry("reserved", 0L).containsEntry("available", 1370L)
                .containsEntry("low_balance_threshold", 1500L);

        List<Map<String, Object>> ledger = jdbc.queryForList("""
                SELECT type, module, action, reference_id, amount, balance_after, reserved_after
                FROM token_transactions ORDER BY sequence_number""");
        assertThat(ledger).extracting(r -> r.get("type"))
                .containsExactly("purchase", "debit", "refund", "reserve", "debit", "release");
        assertThat(ledger).extracting(r -> r.get("amount")).containsExactly(2000L, 50L, 20L, 1000L, 600L, 400L);
        assertThat(ledger).extracting(r -> r.get("balance_after"))
                .containsExactly(2000L, 1950L, 1970L, 1970L, 1370L, 1370L);
        assertThat(ledger.get(0)).containsEntry("reference_id", "pay-1");
        assertThat(ledger.get(1)).containsEntry("module", "surveys").containsEntry("action", "survey_question");
        assertThat(ledger.get(4)).containsEntry("reference_id", "bc-1").containsEntry("module", "broadcasts")
                .containsEntry("action", "send_broadcast");
        assertThat(ledger.get(3)).containsEntry("reserved_after", 1000L);

        assertThat(jdbc.queryForMap("SELECT * FROM token_debit_declines"))
                .containsEntry("organization_id", ORG).containsEntry("module", "hypecard")
                .containsEntry("reference_id", "card-1").containsEntry("amount", 5000L)
                .containsEntry("available_balance", 1370L);
        assertThat(jdbc.queryForMap("SELECT * FROM billing_alerts"))
                .containsEntry("organization_id", ORG).containsEntry("type", "low_balance")
                .containsEntry("threshold", 1500L).containsEntry("available_balance", 1370L);
    }

    @Test
    void reservedFollowsCaptureAndAvailableExcludesOpenReservations() {
        History history = history();
        projector.apply(history.events().subList(0, 6));

        Map<String, Object> wallet = jdbc.queryForMap("SELECT balance, reserved, available FROM wallets");
        assertThat(wallet).containsEntry("balance", 1370L).containsEntry("reserved", 400L)
                .containsEntry("available", 970L);
    }

    @Test
    void applyingTheHistoryTwiceChangesNothing() {
        History history = history();
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, WalletsProjection.TABLES);

        projector.apply(history.events());
        projector.apply(history.get(5));

        assertThat(Tables.snapshot(jdbc, WalletsProjection.TABLES)).isEqualTo(once);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_transactions", Integer.class)).isEqualTo(6);
    }

    @Test
    void aRedeliveredCaptureDoesNotLowerReservedTwice() {
        History history = new History()
                .add(WALLET, new WalletCreated(WALLET, ORG, 10))
                .add(WALLET, new TokensPurchased(WALLET, ORG, "pay-1", 100, 100))
                .add(WALLET, new TokensReserved(WALLET, ORG, "bc-1", 60, "broadcast", 60))
                .add(WALLET, new ReservationCaptured(WALLET, ORG, "bc-1", 20, "broadcasts", "send_broadcast", 80, 40));
        projector.apply(history.events());
        projector.apply(history.get(3));

        assertThat(jdbc.queryForMap("SELECT balance, reserved FROM wallets"))
                .containsEntry("balance", 80L).containsEntry("reserved", 40L);
    }
}
