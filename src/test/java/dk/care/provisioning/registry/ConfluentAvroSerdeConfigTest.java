package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeConfigTest {

    @Test
    void aRedactedUrlMasksItsUserInfoAndNothingElse() {
        assertThat(ConfluentAvroSerdeConfig.redacted("https://worker:s3cret@registry.example.org:8081/base"))
                .isEqualTo("https://***@registry.example.org:8081/base");
        assertThat(ConfluentAvroSerdeConfig.redacted("ftp://user:secret@registry:8081")).isEqualTo("ftp://***@registry:8081");
        assertThat(ConfluentAvroSerdeConfig.redacted("http://registry:8081/subjects/a@b"))
                .isEqualTo("http://registry:8081/subjects/a@b");
        assertThat(ConfluentAvroSerdeConfig.redacted("http://localhost:8081")).isEqualTo("http://localhost:8081");
    }
}
