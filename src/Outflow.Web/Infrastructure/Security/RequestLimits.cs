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
        if (context.Request.ContentLength > options.MaxRequestBodyBytes && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            ForgetBody(context);
            return;
        }

        try
        {
            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
            {
                ForgetBody(context); // an error page follows; a body the form reader refused would fail it too
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && StatusFor(e) is { } status)
        {
            // the form reader's limits (field count, value length: InvalidDataException, which MVC
            // wraps in a ValueProviderException) and Kestrel's body size limit (413)
            context.Response.Clear();
            context.Response.StatusCode = status;
            ForgetBody(context);
        }
    }

    /// <summary>The error page is rendered for the same request: it must not try to read the body again.</summary>
    private static void ForgetBody(HttpContext context)
    {
        context.Request.ContentType = null;
        context.Request.ContentLength = 0;
        context.Request.Body = Stream.Null;
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(FormCollection.Empty));
    }

    private static int? StatusFor(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException bad:
                    return bad.StatusCode;
                case InvalidDataException:
                    return StatusCodes.Status400BadRequest;
            }
        }

        return null;
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
