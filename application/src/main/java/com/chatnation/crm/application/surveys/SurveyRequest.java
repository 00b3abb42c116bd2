package com.chatnation.crm.application.surveys;

import com.chatnation.crm.domain.survey.Question;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A survey as an administrator writes it. Questions bind straight to the domain's {@link Question}, whose own
 * rules (options for choice questions, skip targets that exist and lie ahead, …) answer with 422 when broken.
 */
record SurveyRequest(@NotBlank @Size(max = 200) String title,
                            @Size(max = 1000) String intro,
                            @Size(max = 1000) String thankYou,
                            @NotEmpty @Size(max = 100) List<Question> questions,
                            @Size(max = 20) List<@NotBlank @Size(max = 64) String> keywords) {

    public List<String> normalizedKeywords() {
        return keywords == null ? List.of() : keywords.stream()
                .map(k -> k.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }
}
