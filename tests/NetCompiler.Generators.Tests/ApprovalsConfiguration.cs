using ApprovalTests.Reporters;

// A snapshot that differs from its approved file fails the test and leaves a *.received.cs next
// to it; no diff tool is launched, since build machines have none. Review the received file and
// rename it to *.approved.cs to accept it.
[assembly: UseReporter(typeof(QuietReporter))]
