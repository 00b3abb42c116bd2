package com.chatnation.crm.application.polls;

import com.chatnation.crm.domain.common.Keywords;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * A poll as the organization writes it. Field sizes here keep oversized input out; the {@code Poll}'s own rules (2 to
 * 10 distinct options of at most 24 characters, closing after opening) answer 422 naming the rule.
 */
record PollRequest(@NotBlank @Size(max = 1024) String question,
                   @NotNull @Size(max = 50) List<@NotNull @Size(max = 100) String> options,
                   Instant opensAt,
                   Instant closesAt,
                   Boolean votesChangeable,
                   @Size(max = 30) String keyword,
                   @Size(max = 64) String eventSessionId) {

    /** The keyword as the conversation compares it, or null for none. */
    String normalizedKeyword() {
        return Keywords.normalize(keyword);
    }
}
