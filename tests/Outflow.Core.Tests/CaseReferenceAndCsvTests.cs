namespace Outflow.Core.Tests;

public sealed class CaseReferenceTests
{
    [Fact]
    public void References_have_the_documented_shape_and_prefix()
    {
        var resident = CaseReference.NewResidentReference();
        var request = CaseReference.NewRequestReference();

        resident.Should().MatchRegex("^R-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$");
        request.Should().StartWith("U-");
        CaseReference.IsWellFormed(resident).Should().BeTrue();
        CaseReference.IsWellFormed(request).Should().BeTrue();
    }

    [Fact]
    public void References_do_not_repeat() =>
        Enumerable.Range(0, 10_000).Select(_ => CaseReference.NewResidentReference()).Distinct().Should().HaveCount(10_000);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("R-ABCD-EFGH-J")]
    [InlineData("R-ABCD-EFGH-JK2")]
    [InlineData("R-ABCD-EFGH-J0")] // 0 is not in the alphabet
    [InlineData("R_ABCD-EFGH-JK")]
    [InlineData("../../etc/pass")]
    public void Malformed_references_are_recognised(string? value) => CaseReference.IsWellFormed(value).Should().BeFalse();
}

public sealed class CsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var records = Csv.Parse("code,name\nGM0820,\"Nuenen, Gerwen en Nederwetten\"\nX,\"say \"\"hi\"\"\nthere\"\nlast,row");

        records.Select(r => r.Line).Should().Equal(1, 2, 3, 5);
        records[1].Fields.Should().Equal("GM0820", "Nuenen, Gerwen en Nederwetten");
        records[2].Fields.Should().Equal("X", "say \"hi\"\nthere");
        records[3].Fields.Should().Equal("last", "row");
    }

    [Fact]
    public void Crlf_line_ends_empty_fields_and_a_final_newline_are_handled()
    {
        var records = Csv.Parse("a,b,c\r\n1,,3\r\n");

        records.Should().HaveCount(2);
        records[1].Fields.Should().Equal("1", "", "3");
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+31 6", "'+31 6")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("Utrecht", "Utrecht")]
    [InlineData("", "")]
    public void A_text_cell_outside_csv_gets_the_same_injection_guard_and_reads_back(string value, string written)
    {
        Outflow.Core.CsvOutput.Neutralise(value).Should().Be(written);
        Outflow.Core.CsvOutput.Restore(written).Should().Be(value);
    }
}
