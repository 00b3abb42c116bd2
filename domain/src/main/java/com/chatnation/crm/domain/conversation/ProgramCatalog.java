package com.chatnation.crm.domain.conversation;

import java.util.Optional;

/** The organization's content programs, as the conversation needs them to let a contact join or leave one. */
public interface ProgramCatalog {

    /** The live (not archived) program whose join keyword is {@code keyword} (normalized). */
    Optional<ProgramOnOffer> programForKeyword(String organizationId, String keyword);

    /** A catalog without programs, for organizations and tests that have none. */
    ProgramCatalog NONE = (organizationId, keyword) -> Optional.empty();

    /** {@code when}: the program's schedule in words, e.g. "every day at 06:00". */
    record ProgramOnOffer(String programId, String name, String keyword, String when) {
    }
}
