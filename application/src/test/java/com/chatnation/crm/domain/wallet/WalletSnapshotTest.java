package com.chatnation.crm.domain.wallet;

import com.chatnation.crm.application.platform.axon.AxonConfiguration;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wallet as the service snapshots it (in this package to feed it events directly): the debits it remembers keep
 * their order through a snapshot, so the oldest is still the one forgotten next, and the snapshot stays bounded.
 */
class WalletSnapshotTest {

    private final Serializer snapshots = AxonConfiguration.snapshotSerializer(new ObjectMapper().findAndRegisterModules());

    @Test
    void theOldestRememberedDebitIsForgottenNextEvenAfterASnapshot() {
        Wallet wallet = walletWithDebits(Wallet.REMEMBERED_DEBITS + 1); // d-0 already forgotten

        SerializedObject<byte[]> snapshot = snapshots.serialize(wallet, byte[].class);
        Wallet restored = snapshots.deserialize(snapshot);
        restored.on(debit(Wallet.REMEMBERED_DEBITS + 1));

        assertThat(restored.balance()).isEqualTo(wallet.balance() - 1);
        for (String forgotten : new String[]{"d-0", "d-1"}) {
            assertThatThrownBy(() -> restored.handle(new RefundTokens("wallet-o1", forgotten, 1, "late")))
                    .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("no debit with reference id");
        }
    }

    @Test
    void aSnapshotHoldsNoMoreThanTheRememberedDebits() {
        int small = snapshots.serialize(walletWithDebits(Wallet.REMEMBERED_DEBITS), byte[].class).getData().length;
        int large = snapshots.serialize(walletWithDebits(3 * Wallet.REMEMBERED_DEBITS), byte[].class).getData().length;

        // three times the debits, about the same snapshot (references are a character longer); unbounded: 3x
        assertThat(large).isLessThan(small * 3 / 2);
    }

    private static Wallet walletWithDebits(int count) {
        Wallet wallet = new Wallet();
        wallet.on(new WalletCreated("wallet-o1", "o1", 0));
        wallet.on(new TokensPurchased("wallet-o1", "o1", "pay-1", 1_000_000, 1_000_000));
        for (int i = 0; i < count; i++) {
            wallet.on(debit(i));
        }
        return wallet;
    }

    private static TokenDebited debit(int i) {
        return new TokenDebited("wallet-o1", "o1", "surveys", "reply", "d-" + i, 1, 1_000_000 - i - 1);
    }
}
