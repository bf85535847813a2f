package com.commercive.support.assistant.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercive.support.assistant.Answer;
import com.commercive.support.assistant.Question;
import com.commercive.support.assistant.kb.KnowledgeBase;
import com.commercive.support.config.SupportConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 28: {@code ASSISTANT_HANDOFF_THRESHOLD} reaches the assistant the functions build. */
class AssistantsTest {
  static KnowledgeBase knowledgeBase;

  @BeforeAll
  static void load() {
    knowledgeBase = KnowledgeBase.load();
  }

  static SupportConfig config(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return SupportConfig.from(env);
  }

  @Test
  void theConfiguredThresholdDecidesWhatIsHandedOff() {
    Question question = Question.of("how long does a bank transfer payout take to arrive");
    Answer calibrated = Assistants.create(config(), knowledgeBase).answer(question);
    assertThat(calibrated.handoff()).isFalse();
    assertThat(calibrated.confidence()).isLessThan(0.995);

    Answer strict = Assistants.create(config("ASSISTANT_HANDOFF_THRESHOLD", "0.995"), knowledgeBase).answer(question);
    assertThat(strict.handoff()).isTrue();
    assertThat(strict.confidence()).isEqualTo(calibrated.confidence());

    Answer lenient = Assistants.create(config("ASSISTANT_HANDOFF_THRESHOLD", "0"), knowledgeBase)
        .answer(Question.of("my parcel seems stuck somewhere"));
    assertThat(lenient.handoff()).isFalse();
  }
}
