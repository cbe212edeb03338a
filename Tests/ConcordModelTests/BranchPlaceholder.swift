// Placeholder so SwiftPM finds this test target on the check-structure branch; main carries the real tests.
