package com.chatnation.crm.application.platform.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Input checks every endpoint shares, in one place:
 * <ul>
 *   <li>a query parameter or a path variable holding a control character (NUL included) or a lone UTF-16
 *       surrogate is a 400 {@code invalid_request} naming it: no such text is a valid id, filter or search, and
 *       PostgreSQL cannot even compare a NUL. A field of a submitted form (a dashboard page's) may hold tabs and
 *       line breaks, as a JSON body's strings may: a textarea sends them;</li>
 *   <li>a {@code null} element in any list, array or map of a JSON request body ({@code "questions":[null]}) is a
 *       400 {@code invalid_request} naming the element, before any code meets it. Only request bodies read by
 *       Spring MVC are held to this; the object mapper that stores events is left as it is;</li>
 *   <li>a string in a JSON request body holding a NUL or a lone surrogate is a 400 {@code invalid_request} naming
 *       the field: PostgreSQL can store neither, so such a name or text would be accepted and then fail in every
 *       read model it reaches.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RequestTextChecks implements WebMvcConfigurer {

    /** Thrown for a parameter or path variable that holds what no valid value can. */
    static final class UnusableParameter extends RefusedRequest {
        private final String parameter;

        UnusableParameter(String parameter, String problem) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", "parameter '" + printable(parameter) + "' " + problem);
            this.parameter = parameter;
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("errors", List.of(Map.of("field", printable(parameter), "message", "invalid characters")));
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                check(request);
                return true;
            }
        });
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper strict = jackson.getObjectMapper().copy();
                strict.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
                strict.registerModule(new SimpleModule("storable-strings").addDeserializer(String.class,
                        new StorableStrings()));
                jackson.setObjectMapper(strict);
            }
        }
    }

    /** Strings PostgreSQL can store: no NUL, no lone surrogate; anything else is refused with the field named. */
    static final class StorableStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && (value.indexOf('\u0000') >= 0 || hasLoneSurrogate(value))) {
                throw InvalidFormatException.from(parser, "text holds a NUL character or an unpaired UTF-16 surrogate",
                        printable(value), String.class);
            }
            return value;
        }
    }

    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static void check(HttpServletRequest request) {
        Set<String> inQuery = null;
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String problem = problemIn(parameter.getKey());
            if (problem != null) {
                throw new UnusableParameter(parameter.getKey(), "has a name that " + problem);
            }
            if (inQuery == null) {
                inQuery = queryParameterNames(request.getQueryString());
            }
            // a field of a submitted form (a page's textarea) may break lines, as a string of a JSON body may
            boolean formField = isForm(request) && !inQuery.contains(parameter.getKey());
            for (String value : parameter.getValue()) {
                problem = formField ? problemInText(value) : problemIn(value);
                if (problem != null) {
                    throw new UnusableParameter(parameter.getKey(), problem);
                }
            }
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> variable : map.entrySet()) {
                String problem = problemIn(String.valueOf(variable.getValue()));
                if (problem != null) {
                    throw new UnusableParameter(String.valueOf(variable.getKey()), problem);
                }
            }
        }
    }

    /** What is wrong with a value, or null when nothing is. */
    static String problemIn(String value) {
        return problemIn(value, false);
    }

    /** What is wrong with a form field's text, which may hold tabs and line breaks; null when nothing is. */
    static String problemInText(String value) {
        return problemIn(value, true);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private static Set<String> queryParameterNames(String query) {
        Set<String> names = new HashSet<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.split("=", 2)[0];
                try {
                    names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException undecodable) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String problemIn(String value, boolean lineBreaksAllowed) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return "holds control character U+%04X at position %d".formatted((int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds an unpaired UTF-16 surrogate at position " + i;
            }
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append("\\u%04X".formatted(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
