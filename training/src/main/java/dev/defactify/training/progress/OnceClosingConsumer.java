package dev.defactify.training.progress;

import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Lets {@link TerminalProgress} close the bar's sink itself. progressbar 0.10.2 skips closing the sink
 * (which ends the bar's line) when a bar is closed before its first scheduled redraw, so the summary
 * would be glued onto the bar; closing here is idempotent, so the usual case still ends the line once.
 */
final class OnceClosingConsumer implements ProgressBarConsumer {

    private final ProgressBarConsumer delegate;
    private boolean closed;

    OnceClosingConsumer(ProgressBarConsumer delegate) {
        this.delegate = delegate;
    }

    @Override
    public int getMaxRenderedLength() {
        return delegate.getMaxRenderedLength();
    }

    @Override
    public void accept(String rendered) {
        delegate.accept(rendered);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            delegate.close();
        }
    }
}
