package com.chatnation.crm.domain.privacy;

import org.junit.jupiter.api.Test;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A personal member can only be sealed with the key of the contact its owner names; an event or aggregate with
 * personal data and no {@link DataSubject} would be stored in the clear, so every one must name exactly one.
 */
class PersonalDataSubjectsTest {

    @Test
    void everyTypeWithPersonalDataNamesExactlyOneDataSubject() throws Exception {
        List<String> owners = new ArrayList<>();
        for (Class<?> type : domainClasses()) {
            List<AnnotatedElement> members = new ArrayList<>(Arrays.asList(type.getDeclaredFields()));
            if (type.isRecord()) {
                members.addAll(Arrays.asList(type.getRecordComponents()));
            }
            boolean personal = members.stream().anyMatch(m -> m.isAnnotationPresent(PersonalData.class));
            if (!personal) {
                continue;
            }
            owners.add(type.getSimpleName());
            long subjects = type.isRecord()
                    ? Arrays.stream(type.getRecordComponents()).filter(c -> c.isAnnotationPresent(DataSubject.class)).count()
                    : Arrays.stream(type.getDeclaredFields()).filter(f -> f.isAnnotationPresent(DataSubject.class)).count();
            assertThat(subjects).as(type.getName() + " holds personal data, so it must name its contact").isEqualTo(1);
        }
        assertThat(owners).contains("MessageReceived", "ConversationStarted", "ReplyQueued", "QuestionAnswered",
                "AnswerRejected", "SurveyResponseStarted", "TicketsIssued", "ParticipantRegistered", "TicketsReserved", "NoteAdded",
                "Conversation");
    }

    private static List<Class<?>> domainClasses() throws Exception {
        Path root = Path.of(PersonalData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, PersonalData.class.getClassLoader()));
            }
        }
        return classes;
    }
}
