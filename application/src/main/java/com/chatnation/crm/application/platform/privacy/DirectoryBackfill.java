package com.chatnation.crm.application.platform.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start-up, teaches the contact directory the contacts seen before it existed ({@link
 * ContactDirectory#learnContactsSeenBefore}). Once they are all known it finds nothing to do.
 */
@Component
class DirectoryBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DirectoryBackfill.class);

    private final ContactDirectory directory;

    DirectoryBackfill(ContactDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        int learned = directory.learnContactsSeenBefore();
        if (learned > 0) {
            log.info("The contact directory learned {} contacts first seen before it existed", learned);
        }
    }
}
