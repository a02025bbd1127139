package org.jenkinsci.plugins.workflow.libs

import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy

/** Stand-in for the shared-library plugin's @Library, so the harness can compile a Jenkinsfile. */
@Retention(RetentionPolicy.SOURCE)
@interface Library {
  String[] value()
  boolean changelog() default true
}
