using System.Runtime.InteropServices;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// The database, the key ring and the mail pickup folder are readable by the service account only.
/// On Linux and macOS the process's umask is set to 077 at start-up, so every file the app, SQLite,
/// Data Protection or the mail writer creates is owner-only (0600, folders 0700); folders and files
/// made before (an upgrade) are narrowed at start-up. Windows: the folders inherit the ACL of
/// their parent; docs/operations.md says how to set it.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Sets the process umask to 077 (no-op on Windows).</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = umask(0b000_111_111);
        }
    }

    /// <summary>Creates the folder owner-only, or narrows an existing one and the files in it.</summary>
    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
        Narrow(path);
    }

    /// <summary>Narrows a folder and the files directly in it (no-op on Windows or when missing).</summary>
    public static void Narrow(string folder)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return;
        }

        File.SetUnixFileMode(folder, FolderMode);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            NarrowFile(file);
        }
    }

    public static void NarrowFile(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file) && (File.GetUnixFileMode(file) & ~FileMode) != 0)
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }

    /// <summary>At start-up: the SQLite database (with its -wal and -shm files) and the mail pickup folder, made before this version.</summary>
    public static void NarrowDataFiles(IServiceProvider services)
    {
        var db = services.GetRequiredService<Data.Db>();
        if (db.Dialect is Data.SqliteDialect)
        {
            var path = Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                NarrowFile(file);
            }
        }

        var mail = services.GetRequiredService<Jobs.MailOptions>();
        if (mail.Mode != "Smtp")
        {
            var folder = Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, mail.PickupPath);
            EnsureDirectory(folder);
        }
    }

#pragma warning disable SYSLIB1054 // one blittable call; LibraryImport would need unsafe code enabled
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);
#pragma warning restore SYSLIB1054
}
