package org.jenkinsci.plugins.workflow.steps

/** Fake of workflow-step-api's FlowInterruptedException: an interruption with its causes. */
class FlowInterruptedException extends InterruptedException {
  private final List causes

  FlowInterruptedException(List causes) {
    super('flow interrupted')
    this.causes = causes
  }

  List getCauses() {
    return causes
  }
}
