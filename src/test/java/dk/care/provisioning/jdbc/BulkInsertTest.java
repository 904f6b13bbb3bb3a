package dk.care.provisioning.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkInsertTest {

    private record Row(String name, byte[] payload) {
    }

    @Test
    void rowsAddedForATableLaterFollowTheEarlierOnesInOnePart() {
        BulkInsert joined = rows(new Row("a", new byte[] {1}), new Row("b", new byte[] {2}))
                .followedBy(rows(new Row("c", new byte[] {3})));

        assertThat(joined.isEmpty()).isFalse();
        assertThat(joined.columns()).extracting(BulkInsert.Column::name).containsExactly("name", "payload");
        assertThat(joined.columns().get(0).values()).containsExactly("a", "b", "c");
        // The driver binds a bytea array by its runtime type.
        assertThat(joined.columns().get(1).values()).isInstanceOf(byte[][].class)
                .containsExactly(new byte[] {1}, new byte[] {2}, new byte[] {3});
    }

    @Test
    void refusesRowsOfAnotherShapeForTheSameTable() {
        BulkInsert other = BulkInsert.into("message", List.of(new Row("x", new byte[0])))
                .column("name", "text", Row::name).build();

        assertThatIllegalArgumentException().isThrownBy(() -> rows(new Row("a", new byte[0])).followedBy(other));
    }

    private static BulkInsert rows(Row... rows) {
        return BulkInsert.into("message", List.of(rows))
                .column("name", "text", Row::name)
                .bytes("payload", Row::payload)
                .build();
    }
}
