package com.chatnation.crm.application.platform.replay;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.projections.ReadTables;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Projection rebuilds and history republishing, for operators ({@code /admin/**} needs the admin key).
 * <ul>
 *   <li>{@code GET /admin/replay}: the rebuildable groups and the latest rebuild of each name;</li>
 *   <li>{@code POST /admin/replay/{group|all}}: starts a rebuild (202), 409 while one of those groups rebuilds;</li>
 *   <li>{@code GET /admin/replay/{group|all}}: progress of the latest rebuild of that name;</li>
 *   <li>{@code DELETE /admin/replay/{group|all}}: cancels it, leaving the live tables untouched;</li>
 *   <li>{@code GET /admin/replay/{group|all}/checksums}: an MD5 of each live table's ordered content;</li>
 *   <li>{@code POST /admin/replay/republish} {@code {topic, organizationId?, from?}}: republishes history to Kafka
 *       (202), and {@code GET /admin/replay/republish/{id}} follows it.</li>
 * </ul>
 */
@RestController
@SecurityRequirement(name = "platformKey")
@RequestMapping("/admin/replay")
class ReplayController {

    private final ProjectionRebuilds rebuilds;
    private final HistoryRepublisher republisher;
    private final JdbcTemplate jdbc;

    public ReplayController(ProjectionRebuilds rebuilds, HistoryRepublisher republisher, JdbcTemplate jdbc) {
        this.rebuilds = rebuilds;
        this.republisher = republisher;
        this.jdbc = jdbc;
    }

    @GetMapping
    public Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("groups", rebuilds.groups());
        overview.put("rebuilds", rebuilds.all().stream().map(ProjectionRebuild::status).toList());
        return overview;
    }

    @PostMapping("/{name}")
    public ResponseEntity<RebuildStatus> start(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(name).status());
    }

    @GetMapping("/{name}")
    public ResponseEntity<RebuildStatus> status(@PathVariable String name) {
        return rebuilds.find(name).map(rebuild -> ResponseEntity.ok(rebuild.status()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<RebuildStatus> cancel(@PathVariable String name) {
        return rebuilds.find(name).map(rebuild -> rebuild.cancel()
                        ? ResponseEntity.accepted().body(rebuild.status())
                        : ResponseEntity.status(HttpStatus.CONFLICT).body(rebuild.status()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/{name}/checksums")
    public Map<String, String> checksums(@PathVariable String name) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String table : rebuilds.tablesOf(name)) {
            checksums.put(table, ReadTables.checksum(jdbc, table));
        }
        return checksums;
    }

    @PostMapping("/republish")
    public ResponseEntity<HistoryRepublisher.JobStatus> republish(@RequestBody HistoryRepublisher.Request request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(republisher.start(request).status());
    }

    @GetMapping("/republish/{id}")
    public ResponseEntity<HistoryRepublisher.JobStatus> republishStatus(@PathVariable String id) {
        return republisher.find(id).map(job -> ResponseEntity.ok(job.status()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(ProjectionRebuilds.RebuildConflict.class)
    ResponseEntity<Map<String, Object>> conflict(ProjectionRebuilds.RebuildConflict e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ResponseEntity<Map<String, Object>> badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "title", status.getReasonPhrase(),
                "detail", String.valueOf(detail)));
    }
}
