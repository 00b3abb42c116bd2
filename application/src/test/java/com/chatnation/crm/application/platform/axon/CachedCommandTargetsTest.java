package com.chatnation.crm.application.platform.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cached resolver finds the same targets as Axon's annotation resolver, command after command. */
class CachedCommandTargetsTest {

    record Rename(@TargetAggregateIdentifier String walletId, String name) {
    }

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion String expected) {
    }

    record Anonymous(String name) {
    }

    static final class ByMethod {
        @TargetAggregateIdentifier
        String target() {
            return "by-method";
        }
    }

    private final CachedCommandTargets targets = new CachedCommandTargets();

    @Test
    void the_annotated_member_of_each_command_names_its_aggregate_every_time() {
        for (int i = 0; i < 3; i++) {
            VersionedAggregateIdentifier target = targets.resolveTarget(GenericCommandMessage.asCommandMessage(
                    new Rename("wallet-" + i, "x")));
            assertThat(target.getIdentifier()).isEqualTo("wallet-" + i);
            assertThat(target.getVersion()).isNull();
        }
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethod())).getIdentifier())
                .isEqualTo("by-method");
    }

    @Test
    void a_version_is_read_as_a_number_and_refused_when_it_is_not_one() {
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("c-1", "7")))
                .getVersion()).isEqualTo(7L);
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(
                new Versioned("c-1", "seven")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_command_without_a_target_or_with_a_null_one_is_refused() {
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Anonymous("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Anonymous");
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Rename(null, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Rename");
    }
}
