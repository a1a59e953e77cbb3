namespace Outflow.Core.Tests;

public sealed class RegionFileTests
{
    private static readonly HashSet<string> Codes = ["GM0344", "GM0356", "GM0193"];

    [Fact]
    public void A_valid_file_gives_one_row_per_municipality()
    {
        var result = RegionFile.Parse("region_code,region_name,municipality_code\nCG01,Utrecht,GM0344\nCG01,Utrecht,gm0356\nCG02,Zwolle,GM0193", Codes);

        result.Errors.Should().BeEmpty();
        result.Rows.Select(r => (r.RegionCode, r.MunicipalityCode)).Should().Equal(("CG01", "GM0344"), ("CG01", "GM0356"), ("CG02", "GM0193"));
    }

    [Fact]
    public void A_municipality_in_two_regions_an_unknown_code_and_two_names_for_one_region_are_errors()
    {
        var result = RegionFile.Parse("region_code,region_name,municipality_code\nCG01,Utrecht,GM0344\nCG02,Zwolle,GM0344\nCG01,Utrecht-Oost,GM0356\nCG03,,GM9999", Codes);

        result.Rows.Should().BeEmpty();
        result.Errors.Select(e => $"{e.Line}:{e.Column}:{e.MessageKey}").Should().BeEquivalentTo(
            "3:3:RegionFile.MunicipalityTwice",
            "4:2:RegionFile.NameDiffers",
            "5:2:File.Required",
            "5:3:File.UnknownMunicipality");
    }

    [Fact]
    public void A_wrong_header_is_reported_on_line_one() =>
        RegionFile.Parse("code,name\nCG01,Utrecht", Codes).Errors.Should().Contain(e => e.Line == 1 && e.MessageKey == "File.MissingColumn" && e.ColumnName == "municipality_code");
}
