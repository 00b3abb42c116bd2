package com.chatnation.crm.domain.ticketing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TicketCodesTest {

    private static final String EVENT = "evt-techexpo";
    private static final String READABLE = "TECH-VIP-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}";

    @Test
    void tenThousandReservationsGetDistinctReadableCodes() {
        Set<String> issued = new HashSet<>();
        int total = 0;
        for (int reservation = 0; reservation < 10_000; reservation++) {
            int quantity = reservation % 3 + 1;
            List<String> codes = TicketCodes.generate("TECH-VIP", EVENT, "res-" + reservation, quantity,
                    issued::contains);
            assertThat(codes).hasSize(quantity).allMatch(code -> code.matches(READABLE));
            issued.addAll(codes);
            total += quantity;
        }
        assertThat(issued).hasSize(total);
    }

    @Test
    void theHashAloneRarelyCollidesSoRetriesAreTheException() {
        Set<String> firstCandidates = new HashSet<>();
        for (int reservation = 0; reservation < 10_000; reservation++) {
            firstCandidates.add(TicketCodes.candidate("TECH-VIP", EVENT, "res-" + reservation, 0, 0));
        }
        // 10,000 draws from 32^6 codes collide a handful of times at most; many more would mean a weak hash.
        assertThat(firstCandidates).hasSizeGreaterThan(9_990);
    }

    @Test
    void theSameReservationAlwaysGetsTheSameCodes() {
        List<String> first = TicketCodes.generate("TECH-VIP", EVENT, "res-1", 5, code -> false);
        List<String> again = TicketCodes.generate("TECH-VIP", EVENT, "res-1", 5, code -> false);
        assertThat(again).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void anotherEventGetsOtherCodesForTheSameReservationId() {
        List<String> here = TicketCodes.generate("TECH-VIP", EVENT, "res-1", 3, code -> false);
        List<String> there = TicketCodes.generate("TECH-VIP", "evt-other", "res-1", 3, code -> false);
        assertThat(there).doesNotContainAnyElementsOf(here);
    }

    @Test
    void aTakenCodeIsSkipped() {
        String taken = TicketCodes.candidate("TECH-VIP", EVENT, "res-1", 0, 0);
        List<String> codes = TicketCodes.generate("TECH-VIP", EVENT, "res-1", 1, taken::equals);
        assertThat(codes).containsExactly(TicketCodes.candidate("TECH-VIP", EVENT, "res-1", 0, 1));
    }

    @Test
    void codesNeverContainCharactersPeopleConfuse() {
        assertThat(TicketCodes.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
    }

    @Test
    void prefixComesFromTheEventAndTicketTypeNames() {
        assertThat(TicketCodes.prefix("TechExpo 2024", "VIP Pass")).isEqualTo("TECH-VIP");
        assertThat(TicketCodes.prefix("Café Olé", "Early Bird")).isEqualTo("CAFE-EAR");
        assertThat(TicketCodes.prefix("AI", "X")).isEqualTo("AI-X");
        assertThat(TicketCodes.prefix("!!!", "ñ")).isEqualTo("EVT-N");
        assertThat(TicketCodes.prefix("🎉", "")).isEqualTo("EVT-TKT");
    }
}
