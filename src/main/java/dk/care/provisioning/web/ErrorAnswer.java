package dk.care.provisioning.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The error answer of every JSON API: {@code {"error", "message"}}, and {@code "errors"} per field
 * when a request's values broke rules. Codes and messages are fixed texts that never quote input, as
 * the input can be a token or a password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorAnswer(String error, String message, @Nullable List<FieldError> errors) {

    public ErrorAnswer {
        errors = errors == null ? null : List.copyOf(errors);
    }

    public ErrorAnswer(String error, String message) {
        this(error, message, null);
    }

    /** One broken rule: its code, the request field (none for the request as a whole) and a message for humans. */
    public record FieldError(String code, @Nullable String field, String message) {
    }

    /**
     * Writes this answer where no JSON mapper is yet, in a servlet filter ahead of Spring MVC: the code
     * and message only, which are fixed texts without quotes or backslashes, so nothing needs escaping.
     */
    public void writeTo(HttpServletResponse response, HttpStatus status) throws IOException {
        byte[] body = ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
