package org.jenkinsci.plugins.workflow.steps

/** Fake of the timeout step's execution: only its ExceededTimeout cause is used. */
class TimeoutStepExecution {
  static class ExceededTimeout {
  }
}
