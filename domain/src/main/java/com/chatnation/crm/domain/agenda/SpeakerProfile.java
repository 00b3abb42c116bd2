package com.chatnation.crm.domain.agenda;

/** A speaker as the agenda shows them: name, title (their role), company and a short bio; all but the name optional. */
public record SpeakerProfile(String name, String title, String company, String bio) {
}
