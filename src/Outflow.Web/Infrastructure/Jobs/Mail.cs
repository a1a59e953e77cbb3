using MailKit.Net.Smtp;
using MimeKit;

namespace Outflow.Web.Infrastructure.Jobs;

/// <summary>The "Mail" configuration section.</summary>
public sealed class MailOptions
{
    /// <summary><c>Pickup</c> (embedded default: one .eml file per message) or <c>Smtp</c>.</summary>
    public string Mode { get; set; } = "Pickup";

    public string PickupPath { get; set; } = "App_Data/mail";

    public string From { get; set; } = "outflow@localhost";

    /// <summary>Where links in messages point, e.g. https://outflow.example.nl.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";

    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }
}

public interface IMailSender
{
    /// <param name="messageId">Stable per outbox message: a resend replaces, never duplicates, a pickup file.</param>
    Task SendAsync(Guid messageId, IReadOnlyList<string> to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>Writes each message as an .eml file named after its outbox id, so it can be read without a mail server.</summary>
public sealed class PickupFolderMailSender(MailOptions options, IHostEnvironment environment) : IMailSender
{
    public string Folder => Path.Combine(environment.ContentRootPath, options.PickupPath);

    public async Task SendAsync(Guid messageId, IReadOnlyList<string> to, string subject, string body, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var message = Compose(options, messageId, to, subject, body);
        var path = Path.Combine(Folder, $"{messageId:N}.eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    internal static MimeMessage Compose(MailOptions options, Guid messageId, IReadOnlyList<string> to, string subject, string body)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body }, MessageId = $"{messageId:N}@outflow" };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.AddRange(to.Select(MailboxAddress.Parse));
        return message;
    }
}

/// <summary>SMTP through MailKit.</summary>
public sealed class SmtpMailSender(MailOptions options) : IMailSender
{
    public async Task SendAsync(Guid messageId, IReadOnlyList<string> to, string subject, string body, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(PickupFolderMailSender.Compose(options, messageId, to, subject, body), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
