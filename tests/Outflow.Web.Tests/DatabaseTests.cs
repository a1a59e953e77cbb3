using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

public sealed class DatabaseTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    [Fact]
    public void The_app_has_query_texts_to_check()
    {
        SqlTexts.All().Should().HaveCountGreaterThan(30).And.Contain(q => q.Name == "ResidentDashboard.WaitingPageSql")
            .And.Contain(q => q.Name == "ReportSummarySql.Responder.Months.InsertSql", "texts composed in the summaries' stores are checked too");
    }

    /// <summary>
    /// SQLite's memory statistics serialize every allocation of every connection behind one mutex (two report queries
    /// ran one after the other, not on two cores); the app turns them off before SQLite starts, so none are counted.
    /// </summary>
    [Fact]
    public async Task Sqlite_counts_no_memory_statistics()
    {
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Organisations")).Should().BeGreaterThanOrEqualTo(0);
        SqliteDialect.MemoryStatisticsOff.Should().Be(SQLitePCL.raw.SQLITE_OK, "turned off before the first connection of this process");
        SQLitePCL.raw.sqlite3_memory_used().Should().Be(0, "with statistics on, SQLite counts the memory its open connection holds");
    }

    /// <summary>
    /// A writer meeting another's lock waits in SQLite's busy handler (retries after 1, 2, 5, 10 ms…) for the connection's
    /// timeout; without it Microsoft.Data.Sqlite retries by itself, sleeping 150 ms a time, which a report keeping its
    /// summaries beside its year-earlier figures, or a save meeting the refresher, paid for a lock held a few milliseconds.
    /// </summary>
    [Fact]
    public async Task Every_sqlite_connection_waits_for_a_lock_in_sqlites_busy_handler()
    {
        for (var open = 0; open < 2; open++) // the second comes from the pool
        {
            await using var connection = await factory.Db.OpenAsync();
            var timeout = ((SqliteConnection)connection).DefaultTimeout;
            timeout.Should().BeGreaterThan(0);
            (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")).Should().Be(timeout * 1000L);
        }
    }

    [Fact]
    public void Every_sql_server_migration_parses_as_t_sql()
    {
        var scripts = Directory.GetFiles(SqlTexts.MigrationsFolder("sqlserver"), "*.sql");
        scripts.Should().NotBeEmpty();
        foreach (var script in scripts)
        {
            ParseErrors(File.ReadAllText(script)).Should().BeEmpty(Path.GetFileName(script));
        }
    }

    [Fact]
    public void Every_query_text_parses_as_t_sql()
    {
        var dialect = new SqlServerDialect();
        foreach (var (name, sql) in SqlTexts.All().Where(q => !q.Name.EndsWith("SqliteSql", StringComparison.Ordinal)))
        {
            ParseErrors(SqlTexts.AsRun(name, sql, dialect)).Should().BeEmpty(name);
        }
    }

    [Fact]
    public void The_t_sql_check_catches_a_broken_statement() =>
        ParseErrors("SELECT Id FROM Residents WHERE Id = = @Id").Should().ContainSingle();

    [Fact]
    public async Task Every_query_text_compiles_against_the_migrated_sqlite_schema()
    {
        var dialect = new SqliteDialect();
        await using var connection = new SqliteConnection(factory.Db.ConnectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in SqlTexts.All().Where(q => !q.Name.EndsWith("SqlServerSql", StringComparison.Ordinal)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SqlTexts.AsRun(name, sql, dialect);
            var prepare = () => command.Prepare(); // compiles every statement: unknown tables and columns fail here
            prepare.Should().NotThrow(name);
        }
    }

    [Fact]
    public async Task The_sqlite_check_catches_an_unknown_column()
    {
        await using var connection = new SqliteConnection(factory.Db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT NoSuchColumn FROM Residents";

        command.Invoking(c => c.Prepare()).Should().Throw<SqliteException>();
    }

    [Fact]
    public void Migration_files_match_across_dialects()
    {
        static string[] Names(string dialect) => Directory.GetFiles(SqlTexts.MigrationsFolder(dialect), "*.sql").Select(Path.GetFileName).Order().ToArray()!;

        Names("sqlite").Should().Equal(Names("sqlserver"));
        Names("sqlite").Should().OnlyContain(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^\d{4}_[a-z0-9_]+\.sql$"));
    }

    [Fact]
    public async Task Running_the_migrations_again_changes_nothing()
    {
        var outcome = await factory.Services.GetRequiredService<Migrator>().MigrateAsync();

        outcome.Should().Be(new MigrationOutcome(0, 0));
    }

    [Fact]
    public async Task A_fresh_database_holds_all_342_municipalities_with_their_populations()
    {
        await using var connection = await factory.Db.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Municipalities")).Should().Be(342);
        (await connection.ExecuteScalarAsync<long>("SELECT SUM(Population) FROM MunicipalityPopulations WHERE ReferenceDate = '2025-01-01'")).Should().Be(18_044_027);
        (await connection.ExecuteScalarAsync<long>("SELECT SUM(Population) FROM MunicipalityPopulations WHERE ReferenceDate = '2026-01-01'")).Should().Be(18_130_208);
        var amsterdam = await connection.QuerySingleAsync<(string Name, string Province, long Population)>(
            "SELECT m.Name, m.Province, p.Population FROM Municipalities m JOIN MunicipalityPopulations p ON p.MunicipalityCode = m.Code WHERE m.Code = 'GM0363' AND p.ReferenceDate = '2025-01-01'");
        amsterdam.Should().Be(("Amsterdam", "Noord-Holland", 934_526L));
        (await connection.ExecuteScalarAsync<string>("SELECT Name FROM Municipalities WHERE Code = 'GM0820'")).Should().Be("Nuenen, Gerwen en Nederwetten");
    }

    [Fact]
    public async Task Every_municipality_is_in_one_region_of_each_cbs_division()
    {
        await using var connection = await factory.Db.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM RegionDivisions WHERE IsOfficial = 1")).Should().Be(12);
        var perDivision = (await connection.QueryAsync<(string Division, long Members, long Regions)>(
            "SELECT DivisionCode, COUNT(*), COUNT(DISTINCT RegionCode) FROM RegionMemberships GROUP BY DivisionCode")).ToDictionary(x => x.Division);
        perDivision.Values.Should().OnlyContain(x => x.Members == 342);
        perDivision["veilig_thuis_regio"].Regions.Should().Be(25);
        perDivision["centrumgemeente_mo_bw"].Regions.Should().Be(44);
        perDivision["province"].Regions.Should().Be(12);
        (await connection.ExecuteScalarAsync<string>(
            "SELECT r.Name FROM RegionMemberships m JOIN Regions r ON r.DivisionCode = m.DivisionCode AND r.Code = m.RegionCode WHERE m.DivisionCode = 'veilig_thuis_regio' AND m.MunicipalityCode = 'GM0358'"))
            .Should().Be("Amsterdam-Amstelland");
    }

    [Fact]
    public async Task Dates_and_ids_round_trip_through_the_type_handlers()
    {
        await using var connection = await factory.Db.OpenAsync();
        var id = Guid.CreateVersion7();
        var row = await connection.QuerySingleAsync<(Guid Id, DateOnly Date, DateTime At)>(
            "SELECT @Id AS Id, @Date AS Date, @At AS At",
            new { Id = id, Date = new DateOnly(2028, 2, 29), At = new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc) });

        row.Id.Should().Be(id);
        row.Date.Should().Be(new DateOnly(2028, 2, 29));
        row.At.Should().Be(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc));
        row.At.Kind.Should().Be(DateTimeKind.Utc);
    }

    private static IList<string> ParseErrors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"line {e.Line} col {e.Column} #{e.Number}: {e.Message}")).ToList();
    }
}
