package io.phasegate.jenkins

import com.cloudbees.groovy.cps.NonCPS

/** Whether an optional Jenkins plugin (warnings-ng, checks-api, htmlpublisher) is installed and active. */
class Plugins implements Serializable {
  private static final long serialVersionUID = 1L

  static final String WARNINGS_NG = 'warnings-ng'
  static final String CHECKS_API = 'checks-api'
  static final String HTML_PUBLISHER = 'htmlpublisher'

  /**
   * True when the plugin with this short name is active. Looks jenkins.model.Jenkins up by name
   * so that the library compiles (and answers false) where that class does not exist.
   */
  @NonCPS
  static boolean active(String shortName) {
    Class jenkins
    try {
      jenkins = Class.forName('jenkins.model.Jenkins', true, Plugins.classLoader)
    } catch (ClassNotFoundException ignored) {
      return false
    } catch (NoClassDefFoundError ignored) {
      return false
    }
    def instance = jenkins.getMethod('get').invoke(null)
    def plugin = instance?.pluginManager?.getPlugin(shortName)
    return plugin != null && plugin.isActive()
  }
}
