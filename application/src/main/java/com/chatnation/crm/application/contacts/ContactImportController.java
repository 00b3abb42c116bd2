package com.chatnation.crm.application.contacts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Contact imports from CSV files. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Contacts: import")
@SecurityRequirement(name = "bearer")
class ContactImportController {

    static final int MAX_BYTES = 5 * 1024 * 1024;

    private final ContactImport imports;

    ContactImportController(ContactImport imports) {
        this.imports = imports;
    }

    @PostMapping(value = "/contacts/imports", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Import contacts from CSV (UTF-8, at most 5 MiB)",
            description = "First line: column names. phone (required, E.164 after removing spaces and dashes; a "
                    + "leading 00 means +), name, tags (separated by ;), consent (opted_in, opted_out, yes, no, true, "
                    + "false; empty leaves it), and any other column is an attribute of that key. The good rows are "
                    + "imported together, the bad ones reported with row number (the header is row 1) and reason; "
                    + "a row is never half-applied, and importing the same file again changes nothing.")
    ContactImport.ImportReport importContacts(@PathVariable String orgId, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw ImportRefused.tooLarge(MAX_BYTES);
        }
        String csv;
        try {
            csv = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw ImportRefused.malformed("the file is not UTF-8 text");
        }
        return imports.importCsv(orgId, csv);
    }
}
