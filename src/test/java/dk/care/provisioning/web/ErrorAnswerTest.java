package dk.care.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ErrorAnswerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aFiltersAnswerIsTheSameJsonAsAControllersAnswer() throws Exception {
        var answer = new ErrorAnswer("TOO_MANY_ATTEMPTS", "Too many attempts. Try again later.");
        var response = new MockHttpServletResponse();

        answer.writeTo(response, HttpStatus.TOO_MANY_REQUESTS);

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).isEqualTo(json.writeValueAsString(answer))
                .isEqualTo("{\"error\":\"TOO_MANY_ATTEMPTS\",\"message\":\"Too many attempts. Try again later.\"}");
    }

    @Test
    void namesTheFieldErrorsOnlyWhenThereAreAny() {
        var answer = new ErrorAnswer("VALIDATION_FAILED", "The username or password was not accepted",
                List.of(new ErrorAnswer.FieldError("USERNAME_TAKEN", "username", "The username is already in use")));

        assertThat(json.writeValueAsString(answer)).isEqualTo("{\"error\":\"VALIDATION_FAILED\","
                + "\"message\":\"The username or password was not accepted\",\"errors\":[{\"code\":\"USERNAME_TAKEN\","
                + "\"field\":\"username\",\"message\":\"The username is already in use\"}]}");
    }
}
