package org.jenkinsci.plugins.workflow.support.steps.input

/** Fake of the input step's Rejection cause: who rejected. */
class Rejection {
  private final String userId

  Rejection(String userId) {
    this.userId = userId
  }

  Map getUser() {
    return userId == null ? null : [id: userId]
  }
}
