package org.openikfz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DialogDataTest {

    @Test
    void items_come_back_as_written_whatever_they_hold() {
        Map<String, String> items = new HashMap<>();
        items.put("kennzeichen", "ERZ-AB 1");
        items.put("notiz", "Zeile 1\nZeile 2\r\nmit \\ und = und \\n");
        items.put("a=b", "schlüssel mit =");
        items.put("leer", "");
        items.put("ohne", null);
        items.put("_facts.zfzr", "{\"fin\":\"WVWZZZ1JZXW000001\"}");
        assertEquals(items, DialogData.decode(DialogData.encode(items)));
        assertEquals(List.of("_facts.zfzr", "a=b", "kennzeichen", "leer", "notiz", "ohne"),
                List.copyOf(DialogData.decode(DialogData.encode(items)).keySet()), "in key order");
    }

    @Test
    void a_change_appended_replaces_the_items_it_names() {
        String column = DialogData.encode(Map.of("name", "Erika", "zb1Code", "Qw7Er8T"))
                + DialogData.encode(Map.of("zb1Code", "Ab3De4F"));
        assertEquals(Map.of("name", "Erika", "zb1Code", "Ab3De4F"), DialogData.decode(column));
    }

    @Test
    void one_line_per_item_and_nothing_for_none() {
        assertEquals("a=1\nb=x\\ny\n", DialogData.encode(Map.of("b", "x\ny", "a", "1")));
        assertEquals(Map.of(), DialogData.decode(null));
        assertEquals(Map.of(), DialogData.decode(""));
    }

    @Test
    void a_column_cut_inside_an_item_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> DialogData.decode("a=1\nb=2"));
    }
}
