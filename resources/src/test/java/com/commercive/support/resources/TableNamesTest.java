package com.commercive.support.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every catalogue table is named from its entry: a new table needs no new field here. */
class TableNamesTest {
  @Test
  void everyCatalogueTableIsNamedByItsEntryOrItsDefault() {
    TableNames names = TableNames.of(table -> table == Catalogue.AGENTS ? Optional.empty()
        : Optional.of("prod_" + table.variable()));

    for (TableEntry table : Catalogue.TABLES) {
      assertThat(names.nameOf(table.spec())).as(table.id())
          .isEqualTo(table == Catalogue.AGENTS ? table.spec().defaultName() : "prod_" + table.variable());
    }
    assertThat(names.tickets()).isEqualTo("prod_TICKETS_TABLE");
    assertThat(names.withPrefix("t_").agents()).isEqualTo("t_" + SupportTables.AGENTS.defaultName());
  }
}
