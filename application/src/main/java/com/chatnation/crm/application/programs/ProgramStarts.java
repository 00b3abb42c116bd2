package com.chatnation.crm.application.programs;

import com.chatnation.crm.domain.program.ProgramCreated;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Where a new subscriber starts: a program that starts everyone at the beginning gives them its first item at the
 * next slot; one that starts them "today" gives them the item the program is at, counting one item per slot since
 * the program was created (so a daily programme's day-5 item on its fifth day), as if they had been there all along.
 */
@Component
public class ProgramStarts {

    private final JdbcProgramCatalog catalog;

    ProgramStarts(JdbcProgramCatalog catalog) {
        this.catalog = catalog;
    }

    /** The last sequence number a contact subscribing at {@code at} counts as already had (0: from the first). */
    public int startAfter(String programId, Instant at) {
        var program = catalog.program(programId);
        if (program.isEmpty() || !ProgramCreated.FROM_TODAY.equals(program.get().startFrom())) {
            return 0;
        }
        var p = program.get();
        LocalDate created = p.createdAt().atZone(p.zone()).toLocalDate();
        LocalDate next = p.schedule().nextSlotDate(at, p.zone());
        long slots = 0;
        for (LocalDate day = created; day.isBefore(next); day = day.plusDays(1)) {
            if (p.schedule().fallsOn(day) && !p.schedule().slotOn(day, p.zone()).isBefore(p.createdAt())) {
                slots++;
            }
            if (ChronoUnit.DAYS.between(created, day) > 3660) {
                break; // ten years of slots: more than any program has items
            }
        }
        return (int) Math.min(slots, Integer.MAX_VALUE);
    }
}
