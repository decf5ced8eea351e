import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { handlebarsLanguage } from '@xiechao/codemirror-lang-handlebars';
import { basicSetup } from 'codemirror';
import { type RefObject, useEffect, useImperativeHandle, useRef } from 'react';
import { rangeAt } from '../template-source';

/*
 * CodeMirror 6, imported only here: this file is reached from the template
 * editor page alone, so the editor's code is part of that page's lazy chunk
 * and never of the first load.
 *
 * CSP: CodeMirror writes its styles through style-mod, which (for a page's
 * document) adds one <style> element to <head>. The admin UI's CSP allows
 * `style-src 'self' 'unsafe-inline'` (Mantine's style attributes need it), so
 * the element applies; the browser test checks that the page logs no CSP
 * violation. Were `'unsafe-inline'` ever dropped for a nonce, the server
 * would have to put a per-response nonce in index.html and this editor pass
 * it through `EditorView.cspNonce.of(nonce)` (style-mod sets it on its
 * <style> element); a nonce in the policy disables 'unsafe-inline', so the
 * two cannot be combined.
 */

/** Colours of the Handlebars and HTML tokens, each at 4.5:1 or better on white (WCAG AA, checked by axe). */
const HIGHLIGHT = HighlightStyle.define([
    { tag: tags.tagName, color: '#1b6b1b' },
    { tag: [tags.keyword, tags.controlKeyword, tags.atom], color: '#7a1fa2', fontWeight: '600' },
    { tag: tags.variableName, color: '#0b4fa8' },
    { tag: tags.comment, color: '#6b5200', fontStyle: 'italic' },
    { tag: [tags.string, tags.attributeValue], color: '#a3151b' },
    { tag: [tags.number, tags.attributeName], color: '#8a4b00' },
    { tag: [tags.angleBracket, tags.annotation], color: '#4d4d4d' },
]);

/** Readable gutters and a visible focus ring (the default grey is too faint for AA). */
const THEME = EditorView.theme({
    '&': { fontSize: '14px', border: '1px solid #adb5bd', borderRadius: '4px', backgroundColor: '#fff' },
    '&.cm-focused': { outline: '2px solid #1c7ed6', outlineOffset: '1px' },
    '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '220px' },
    '.cm-gutters': { backgroundColor: '#f1f3f5', color: '#495057', borderRight: '1px solid #ced4da' },
    '.cm-activeLineGutter': { backgroundColor: '#dee2e6' },
    '.cm-activeLine': { backgroundColor: '#f1f3f580' },
    '.cm-lintRange-error': { backgroundColor: '#ffe3e3' },
});

/** What the page can do with the editor: insert at the cursor. */
export interface CodeEditorHandle {
    insert(text: string): void;
}

/** Where the server says the text is wrong. */
export interface EditorProblem {
    line: number;
    column: number | null;
    message: string;
}

/** Props of {@link TemplateCodeEditor}. */
export interface TemplateCodeEditorProps {
    value: string;
    onChange(value: string): void;
    /** The editor's accessible name. */
    label: string;
    /** Shown, selectable and never changed (an analyst's view). */
    readOnly: boolean;
    /** The server's refusal, marked at its line (and column) with a lint marker. */
    problem: EditorProblem | null;
    handle?: RefObject<CodeEditorHandle | null>;
}

function editable(readOnly: boolean): Extension {
    return [
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
        EditorView.contentAttributes.of(readOnly ? { 'aria-readonly': 'true', tabindex: '0' } : {}),
    ];
}

/**
 * The template source in CodeMirror 6: Handlebars (and HTML in email)
 * highlighting, line numbers, a lint gutter with the server's refusal at its
 * line, labelled for assistive technology, read-only on demand.
 */
export function TemplateCodeEditor({ value, onChange, label, readOnly, problem, handle }: TemplateCodeEditorProps) {
    const host = useRef<HTMLDivElement>(null);
    const view = useRef<EditorView | null>(null);
    const access = useRef(new Compartment());
    const changed = useRef(onChange);
    changed.current = onChange;

    useEffect(() => {
        const editor = new EditorView({
            parent: host.current!,
            state: EditorState.create({
                doc: value,
                extensions: [
                    basicSetup,
                    handlebarsLanguage,
                    syntaxHighlighting(HIGHLIGHT),
                    lintGutter(),
                    THEME,
                    EditorView.lineWrapping,
                    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
                    access.current.of(editable(readOnly)),
                    EditorView.updateListener.of((update) => {
                        if (update.docChanged) changed.current(update.state.doc.toString());
                    }),
                ],
            }),
        });
        view.current = editor;
        return () => {
            editor.destroy();
            view.current = null;
        };
        // The view is made once; value, access and problems follow in the effects below.
    }, []);

    useEffect(() => {
        view.current?.dispatch({ effects: access.current.reconfigure(editable(readOnly)) });
    }, [readOnly]);

    useEffect(() => {
        const editor = view.current;
        if (editor && editor.state.doc.toString() !== value)
            editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }, [value]);

    useEffect(() => {
        const editor = view.current;
        if (!editor) return;
        const text = editor.state.doc.toString();
        const diagnostics = problem
            ? [{ ...rangeAt(text, problem.line, problem.column), severity: 'error' as const, message: problem.message }]
            : [];
        editor.dispatch(setDiagnostics(editor.state, diagnostics));
    }, [problem]);

    useImperativeHandle(
        handle,
        () => ({
            insert(text: string) {
                const editor = view.current;
                if (!editor || readOnly) return;
                const { from, to } = editor.state.selection.main;
                editor.dispatch({
                    changes: { from, to, insert: text },
                    selection: { anchor: from + text.length },
                    scrollIntoView: true,
                });
                editor.focus();
            },
        }),
        [readOnly],
    );

    return <div ref={host} />;
}
