// The application's tests must have RUN against the starter on Boot's own dependency management.
def reports = new File(basedir, 'target/surefire-reports').listFiles({ f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter)
assert reports != null && reports.length == 1 : "expected the report of 1 test class, found ${reports?.collect { it.name }}"
def suite = new groovy.xml.XmlSlurper().parse(reports[0])
println "consumer ${basedir.name}: tests=${suite.@tests} failures=${suite.@failures} errors=${suite.@errors}"
assert suite.@tests.toInteger() == 2
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
return true
