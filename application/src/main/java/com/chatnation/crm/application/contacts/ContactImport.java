package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.contact.ConsentStatus;
import com.chatnation.crm.domain.contact.ContactFields;
import com.chatnation.crm.domain.contact.ContactProfileId;
import com.chatnation.crm.domain.contact.ImportContact;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports contacts from CSV: columns {@code phone} (required), {@code name}, {@code tags} ({@code ;}-separated),
 * {@code consent} (opted_in/yes/true, opted_out/no/false, empty: unchanged) and any other column as an attribute
 * of that key. Every row is checked first; the good rows are then applied (a contact each, the whole row or nothing
 * of it) and the bad ones reported with their reason: fix the refused rows and send them (or the whole file)
 * again. Rows repeating what a contact already holds change nothing, so importing a file twice records nothing the
 * second time.
 */
@Service
class ContactImport {

    private static final Logger log = LoggerFactory.getLogger(ContactImport.class);

    static final int MAX_NAME_LENGTH = 200;
    /**
     * Rows applied per transaction. One transaction for a whole file would outlive the unit of work's time limit
     * (60 s) on big files; a batch is a few seconds. A row is always whole, and a file that failed half-way (the
     * database went away) is completed by sending it again, since rows already applied change nothing.
     */
    static final int ROWS_PER_TRANSACTION = 200;
    private static final Set<String> KNOWN_COLUMNS = Set.of("phone", "name", "tags", "consent");

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final TransactionalRetry transaction;
    private final Clock clock = Clock.systemUTC();

    ContactImport(CommandGateway commands, ContactDirectory directory, TransactionalRetry transaction) {
        this.commands = commands;
        this.directory = directory;
        this.transaction = transaction;
    }

    record AcceptedRow(int row, String contactId) {
    }

    record RefusedRow(int row, String reason) {
    }

    /** What happened to each row, numbered as a spreadsheet shows them (the header is row 1). */
    record ImportReport(String importId, int rows, int accepted, int refused, List<AcceptedRow> acceptedRows,
                        List<RefusedRow> refusedRows) {
    }

    private record Row(int row, String phone, String name, List<String> tags, Map<String, String> attributes,
                       ConsentStatus consent) {
    }

    ImportReport importCsv(String organizationId, String csv) {
        List<List<String>> records;
        try {
            records = CsvRecords.parse(csv);
        } catch (CsvRecords.UnclosedQuote unclosed) {
            throw ImportRefused.malformed("the file is not valid CSV: " + unclosed.getMessage());
        }
        if (records.isEmpty()) {
            throw ImportRefused.malformed("the file is empty; the first line names the columns (phone, name, tags, "
                    + "consent, attributes)");
        }
        List<String> header = header(records.get(0));
        if (records.size() == 1) {
            throw ImportRefused.malformed("the file has a header and no rows");
        }
        List<Row> good = new ArrayList<>();
        List<RefusedRow> refused = new ArrayList<>();
        Map<String, Integer> rowOfPhone = new HashMap<>();
        for (int i = 1; i < records.size(); i++) {
            int rowNumber = i + 1;
            try {
                Row row = read(rowNumber, header, records.get(i));
                Integer earlier = rowOfPhone.putIfAbsent(row.phone(), rowNumber);
                if (earlier != null) {
                    throw new BadRow("duplicate: the same phone number as row " + earlier);
                }
                good.add(row);
            } catch (BadRow | DomainRuleViolation bad) {
                refused.add(new RefusedRow(rowNumber, bad.getMessage()));
            }
        }
        String importId = UUID.randomUUID().toString();
        Instant at = clock.instant();
        List<AcceptedRow> accepted = new ArrayList<>();
        for (int from = 0; from < good.size(); from += ROWS_PER_TRANSACTION) {
            List<Row> batch = new ArrayList<>(good.subList(from, Math.min(good.size(), from + ROWS_PER_TRANSACTION)));
            while (!batch.isEmpty()) {
                try {
                    accepted.addAll(transaction.inTransaction(() ->
                            batch.stream().map(row -> apply(organizationId, importId, at, row)).toList()));
                    break;
                } catch (RowRefused refusedByProfile) {
                    // the batch rolled back whole: it runs again without the row its contact's profile refused
                    batch.removeIf(row -> row.row() == refusedByProfile.row);
                    refused.add(new RefusedRow(refusedByProfile.row, refusedByProfile.getMessage()));
                }
            }
        }
        refused.sort(java.util.Comparator.comparingInt(RefusedRow::row));
        log.info("Contact import {} of organization {}: {} rows accepted, {} refused", importId, organizationId,
                accepted.size(), refused.size());
        return new ImportReport(importId, records.size() - 1, accepted.size(), refused.size(), accepted, refused);
    }

    private AcceptedRow apply(String organizationId, String importId, Instant at, Row row) {
        String contactId = directory.contactIdFor(organizationId, PhoneNumber.of(row.phone()));
        try {
            commands.sendAndWait(new ImportContact(ContactProfileId.of(organizationId, contactId), organizationId,
                    contactId, row.phone(), row.name(), row.tags(), row.attributes(), row.consent(), importId, at));
        } catch (DomainRuleViolation refused) {
            // the contact's profile refuses the row (it would hold more than 100 tags)
            throw new RowRefused(row.row(), refused.getMessage());
        } catch (CommandExecutionException failed) {
            if (failed.getCause() instanceof DomainRuleViolation refused) {
                throw new RowRefused(row.row(), refused.getMessage());
            }
            throw failed;
        }
        return new AcceptedRow(row.row(), contactId);
    }

    private static List<String> header(List<String> raw) {
        List<String> header = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String column : raw) {
            String name = column.strip().toLowerCase(Locale.ROOT);
            if (!KNOWN_COLUMNS.contains(name)) {
                try {
                    ContactFields.attributeKey(name);
                } catch (DomainRuleViolation notAKey) {
                    throw ImportRefused.malformed("column '" + column + "' is neither phone, name, tags nor consent, "
                            + "and not an attribute key (1 to 64 lowercase letters, digits or '_')");
                }
            }
            if (!seen.add(name)) {
                throw ImportRefused.malformed("column '" + name + "' appears twice");
            }
            header.add(name);
        }
        if (!seen.contains("phone")) {
            throw ImportRefused.malformed("the first line must name the columns, one of them 'phone'");
        }
        return header;
    }

    private static Row read(int rowNumber, List<String> header, List<String> fields) {
        if (fields.size() != header.size()) {
            throw new BadRow("has " + fields.size() + " fields, the header has " + header.size());
        }
        String phone = null;
        String name = null;
        List<String> tags = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        ConsentStatus consent = null;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = fields.get(i);
            if (value.indexOf('\0') >= 0) {
                throw new BadRow(column + ": holds a NUL character");
            }
            String trimmed = value.strip();
            switch (column) {
                case "phone" -> phone = phone(trimmed);
                case "name" -> {
                    if (trimmed.length() > MAX_NAME_LENGTH) {
                        throw new BadRow("name: longer than " + MAX_NAME_LENGTH + " characters");
                    }
                    name = trimmed.isEmpty() ? null : trimmed;
                }
                case "tags" -> {
                    for (String tag : trimmed.split(";")) {
                        if (!tag.isBlank()) {
                            tags.add(ContactFields.tag(tag));
                        }
                    }
                }
                case "consent" -> {
                    if (!trimmed.isEmpty()) {
                        consent = ConsentValues.parse(trimmed).orElseThrow(() -> new BadRow("consent: '" + trimmed
                                + "' is not one of opted_in, opted_out, yes, no, true, false"));
                    }
                }
                default -> {
                    // an empty cell leaves the attribute as it is
                    if (!trimmed.isEmpty()) {
                        attributes.put(column, ContactFields.attributeValue(column, trimmed));
                    }
                }
            }
        }
        if (tags.size() > ContactFields.MAX_TAGS) {
            throw new BadRow("tags: more than " + ContactFields.MAX_TAGS);
        }
        return new Row(rowNumber, phone, name, tags, attributes, consent);
    }

    /** E.164 after removing spaces, dashes, dots and brackets; a leading 00 is the international prefix. */
    private static String phone(String raw) {
        String compact = raw.replaceAll("[\\s\\-().]", "");
        if (compact.isEmpty()) {
            throw new BadRow("phone: missing");
        }
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        if (!compact.matches("\\+?[0-9]+")) {
            throw new BadRow("phone: '" + raw + "' is not a phone number");
        }
        try {
            return PhoneNumber.of(compact).e164();
        } catch (DomainRuleViolation invalid) {
            throw new BadRow("phone: '" + raw + "' is not in international (E.164) form, such as +254712345678");
        }
    }

    /** A checked row that its contact's profile refused, which rolls back the batch it was in. */
    private static final class RowRefused extends RuntimeException {
        private final int row;

        RowRefused(int row, String reason) {
            super(reason);
            this.row = row;
        }
    }

    /** A row refused with its reason. */
    private static final class BadRow extends RuntimeException {
        BadRow(String reason) {
            super(reason);
        }
    }
}
