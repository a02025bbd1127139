package jenkins.model

/**
 * Fake jenkins.model.Jenkins for the harness: Jenkins.get().pluginManager.getPlugin(name)
 * answers from Jenkins.activePlugins, which each scenario sets.
 */
class Jenkins {
  static Set<String> activePlugins = new HashSet<String>()

  static Jenkins get() {
    return new Jenkins()
  }

  FakePluginManager getPluginManager() {
    return new FakePluginManager()
  }
}

class FakePluginManager {
  FakePluginWrapper getPlugin(String shortName) {
    return Jenkins.activePlugins.contains(shortName) ? new FakePluginWrapper() : null
  }
}

class FakePluginWrapper {
  boolean isActive() {
    return true
  }
}
