package io.sluice.policies;

import java.util.Locale;

/** The two backend classes a Sluice service routes between. */
public enum Backend {
  CVM,
  SCF;

  private final String id = name().toLowerCase(Locale.ROOT);

  /** The backend that is not this one. */
  public Backend other() {
    return this == CVM ? SCF : CVM;
  }

  /** The lower-case name used in config files, metrics labels and the API. */
  public String id() {
    return id;
  }

  /**
   * Reads {@code cvm} or {@code scf}, in any case.
   *
   * @throws IllegalArgumentException naming the value when it is neither
   */
  public static Backend fromId(String id) {
    for (Backend b : values()) {
      if (b.id().equalsIgnoreCase(id)) {
        return b;
      }
    }
    throw new IllegalArgumentException("must be cvm or scf, got '" + id + "'");
  }
}
