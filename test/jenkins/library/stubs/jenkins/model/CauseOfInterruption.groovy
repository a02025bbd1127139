package jenkins.model

/** Fake of jenkins.model.CauseOfInterruption: a user aborting the build, which the library must rethrow. */
class CauseOfInterruption {
  static class UserInterruption {
  }
}
