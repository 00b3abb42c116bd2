package com.chatnation.crm.domain.poll;

/** One answer a poll offers: its id is the option's position (1, 2, …), its label what the contact sees. */
public record PollOption(String optionId, String label) {
}
