package io.sluice.controller.actuate.dns;

import java.util.Objects;

/** One absolute write to one record: a weight, or a status. */
sealed interface RecordWrite {
  RecordPair pair();

  long recordId();

  /** The API action, as the journal names it. */
  String action();

  /** The absolute value written, such as {@code weight=30} or {@code status=DISABLE}. */
  String value();

  /** Such as {@code shop.example.com record 1002}. */
  default String target() {
    return pair().domain() + " record " + recordId();
  }

  /** ModifyRecordFields with the {@code weight} key (ModifyRecord would replace the record). */
  record SetWeight(RecordPair pair, long recordId, int weight) implements RecordWrite {
    public SetWeight {
      Objects.requireNonNull(pair, "pair");
      if (weight < 1 || weight > 100) {
        // 0 is DNSPod's "off": Sluice turns a record off by disabling it, never by weight 0
        throw new IllegalArgumentException("weight: must be 1-100, got " + weight);
      }
    }

    @Override
    public String action() {
      return "ModifyRecordFields";
    }

    @Override
    public String value() {
      return "weight=" + weight;
    }
  }

  /** ModifyRecordStatus: ENABLE or DISABLE. */
  record SetStatus(RecordPair pair, long recordId, boolean enable) implements RecordWrite {
    public SetStatus {
      Objects.requireNonNull(pair, "pair");
    }

    @Override
    public String action() {
      return "ModifyRecordStatus";
    }

    @Override
    public String value() {
      return "status=" + status();
    }

    String status() {
      return enable ? "ENABLE" : "DISABLE";
    }
  }
}
