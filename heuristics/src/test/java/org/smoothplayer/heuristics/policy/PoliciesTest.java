package org.smoothplayer.heuristics.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoliciesTest {

  @Test
  void a_policy_name_as_the_papers_write_it_is_the_registrys_lower_case_name() {
    assertThat(Policies.canonical("robustMPC")).contains("robustmpc");
    assertThat(Policies.canonical(" BOLA ")).contains("bola");
    assertThat(Policies.canonical("Default")).contains(Policies.DEFAULT);
    assertThat(Policies.canonical("robust-mpc")).isEmpty();
    assertThat(Policies.canonical("")).isEmpty();
  }
}
