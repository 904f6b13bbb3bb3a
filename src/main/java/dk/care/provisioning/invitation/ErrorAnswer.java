package dk.care.provisioning.invitation;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The API's error answer, {@code {"error", "message"}}, as the filters write it before Spring MVC
 * (and so before any JSON mapper) is reached. Codes and messages are fixed texts, never input.
 */
record ErrorAnswer(String error, String message) {

    void writeTo(HttpServletResponse response, HttpStatus status) throws IOException {
        byte[] body = ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
