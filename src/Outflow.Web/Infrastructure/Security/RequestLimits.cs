using Microsoft.AspNetCore.Mvc.Filters;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// Bounded input answers with a page, never a 500: a body over Security:MaxRequestBodyBytes is
/// 413, a form with more than Security:MaxFormFields fields (or otherwise unreadable) is 400 —
/// signed in or not, in every environment. The status-code pages then render the message.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, SecurityOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            return;
        }

        try
        {
            await next(context);
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // the form reader's limits (field count, value length, multipart sections)
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's body size limit (413) and malformed requests (400)
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
        }
    }
}

/// <summary>
/// A posted record id that already belongs to another record (someone else's, or another
/// organisation's) ends in a unique-key violation deep in a handler: answer "not found", never 500.
/// </summary>
public sealed class RecordIdInUseFilter(Db db) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var exception = context.Exception;
        if (db.Dialect.IsUniqueViolation(exception) || (exception.InnerException is { } inner && db.Dialect.IsUniqueViolation(inner)))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();
            context.ExceptionHandled = true;
        }
    }
}
